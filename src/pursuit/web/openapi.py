"""The OpenAPI document, told the truth about errors: a bad request is a 400 with our one error
shape, never FastAPI's default 422. And its docs page, Swagger UI with no inline script."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse

from pursuit.web.security_headers import DOCS_POLICY, SWAGGER_CDN
from pursuit.web.templating import Renderer

ERROR_REF = {"$ref": "#/components/schemas/ErrorDocument"}


def install(app: FastAPI, renderer: Renderer) -> None:
    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        context = {"title": app.title, "cdn": SWAGGER_CDN, "spec": app.openapi_url}
        page = renderer.page("api_docs.html", context)
        return HTMLResponse(page, headers={"Content-Security-Policy": DOCS_POLICY})

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
                    if responses.pop("422", None) is not None and "400" not in responses:
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
