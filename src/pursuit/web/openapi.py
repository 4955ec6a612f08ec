"""The OpenAPI document, told the truth about errors: a bad request is a 400 with our one error
shape, never FastAPI's default 422. And its docs page, Swagger UI with no inline script, its
files served from the `swagger-ui-py` package (a maintained copy of Swagger UI's build), so the
docs work at a velodrome without internet."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, HTMLResponse, Response

from pursuit.web.security_headers import DOCS_POLICY
from pursuit.web.templating import Renderer

ERROR_REF = {"$ref": "#/components/schemas/ErrorDocument"}
SWAGGER_FILES = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css"}
ASSETS = "/docs/assets"


def swagger_file(name: str) -> Path:
    """One file of the Swagger UI build that the `swagger-ui-py` package ships."""
    return Path(str(resources.files("swagger_ui") / "static" / name))


def install(app: FastAPI, renderer: Renderer) -> None:
    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        context = {"title": app.title, "assets": ASSETS, "spec": app.openapi_url}
        page = renderer.page("api_docs.html", context)
        return HTMLResponse(page, headers={"Content-Security-Policy": DOCS_POLICY})

    @app.get(ASSETS + "/{name}", include_in_schema=False)
    def docs_asset(name: str) -> Response:
        kind = SWAGGER_FILES.get(name)
        if kind is None:
            return Response("not found", status_code=404, media_type="text/plain")
        cache = {"Cache-Control": "public, max-age=86400"}
        return FileResponse(swagger_file(name), media_type=kind, headers=cache)

    def document() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            for path in spec.get("paths", {}).values():
                for operation in path.values():
                    responses = operation.get("responses", {})
                    default = "HTTPValidationError" in json.dumps(responses.get("422", ""))
                    if default and responses.pop("422") is not None and "400" not in responses:
                        responses["400"] = {
                            "description": "Bad input",
                            "content": {"application/json": {"schema": ERROR_REF}},
                        }
            schemas = spec.get("components", {}).get("schemas", {})
            for name in ("HTTPValidationError", "ValidationError"):
                schemas.pop(name, None)
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = document  # type: ignore[method-assign]
