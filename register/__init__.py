"""Register Wooninitiatieven: the application factory."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask

from register import config as config_module
from register import errors
from register.extensions import babel, csrf, db, migrate

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(config: type | dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.request_class = errors.RegisterRequest
    app.url_map.converters["int"] = errors.DatabaseIdConverter  # before any route is added
    _load_config(app, config)
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    _init_extensions(app)
    _register_blueprints(app)
    _register_hooks(app)
    _trust_proxies(app)
    return app


def _trust_proxies(app: Flask) -> None:
    """Behind ``TRUSTED_PROXIES`` proxies, take the client's address, scheme and host from
    their X-Forwarded-* headers (rate limits, secure cookies and absolute links need them).
    Without it the headers are ignored: anyone could send them."""
    hops = app.config.get("TRUSTED_PROXIES", 0)
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def _load_config(app: Flask, config: type | dict | None) -> None:
    app.config.from_object(config_module.for_environment())
    if isinstance(config, dict):
        app.config.update(config)
    elif config is not None:
        app.config.from_object(config)
    config_module.check_secret_key(app.config)
    config_module.fill_instance_defaults(app.config, app.instance_path)
    logging.basicConfig(level=logging.INFO)
    logging.getLogger("weasyprint").setLevel(logging.WARNING)  # it logs every step at INFO


def _init_extensions(app: Flask) -> None:
    from register import form_fields, i18n
    from register.accounts import setup as accounts_setup

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    i18n.init_app(app)
    form_fields.init_app(app)
    accounts_setup.init_app(app, translations_dir=str(PROJECT_ROOT / "register" / "translations"))


def _register_blueprints(app: Flask) -> None:
    from register import cli, errors
    from register.access.views import bp as access_bp
    from register.accounts.views import bp as accounts_bp
    from register.admin.views import bp as admin_bp
    from register.api.views import bp as api_bp
    from register.audit.views import bp as audit_bp
    from register.catalogues.views import bp as catalogues_bp
    from register.concerns.views import bp as concerns_bp
    from register.entries.views import bp as entries_bp
    from register.importer.views import bp as importer_bp
    from register.inspection.views import bp as inspection_bp
    from register.moderation.views import bp as moderation_bp
    from register.opendata.hsds_views import bp as hsds_bp
    from register.opendata.views import bp as opendata_bp
    from register.pages.views import bp as pages_bp
    from register.portal.views import bp as portal_bp
    from register.questionnaire.views import bp as questionnaire_bp
    from register.verification.views import bp as verification_bp

    app.register_blueprint(pages_bp)
    app.register_blueprint(entries_bp)
    app.register_blueprint(opendata_bp)
    app.register_blueprint(hsds_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(questionnaire_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(portal_bp)
    app.register_blueprint(moderation_bp)
    app.register_blueprint(verification_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(access_bp)
    app.register_blueprint(catalogues_bp)
    app.register_blueprint(audit_bp)
    app.register_blueprint(importer_bp)
    app.register_blueprint(inspection_bp)
    app.register_blueprint(concerns_bp)
    csrf.exempt(api_bp)
    errors.init_app(app)
    cli.init_app(app)


def _register_hooks(app: Flask) -> None:
    from register import httpcache, security
    from register.entries import changes
    from register.search import sync

    security.init_app(app)
    changes.listen()
    sync.init_app(app)
    httpcache.init_app(app)  # last: it sees pages as their views made them
