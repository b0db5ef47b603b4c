from register import create_app

app = create_app()
