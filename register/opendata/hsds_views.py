"""Routes of the Open Referral HSDS 3.0 export: /open-data/hsds/…, cached like the other
open-data downloads (``register.opendata.views``)."""

from __future__ import annotations

import json
from functools import partial

from flask import Blueprint, abort, url_for

from register.opendata import hsds
from register.opendata.views import _download, allow_any_origin

bp = Blueprint("hsds", __name__, url_prefix="/open-data/hsds")
bp.after_request(allow_any_origin)


@bp.get("/services.json")
def services_json():
    return _download(hsds.json_chunks, "application/json", "hsds-services.json")


@bp.get("/datapackage.json")
def datapackage_json():
    homepage = url_for("pages.open_data", _external=True)
    document = json.dumps(hsds.datapackage(homepage), ensure_ascii=False, indent=2)
    return _download(lambda today: iter([document]), "application/json", "datapackage.json")


@bp.get("/<file>.csv")
def table_csv(file: str):
    table = hsds.TABLE_OF_FILE.get(file) or abort(404)
    return _download(
        partial(hsds.csv_lines, table), "text/csv; charset=utf-8; header=present", f"{file}.csv"
    )
