"""The API reference as a page, written from the app's own OpenAPI description."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from spyglass.serve.templates import e


def openapi_html(app: FastAPI) -> str:
    """The API reference as a page (Swagger UI would load scripts from a CDN and run inline code)."""
    spec: dict[str, Any] = app.openapi()
    rows = []
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            params = ", ".join(
                f"{p['name']}{'' if p.get('required') else '?'}" for p in op.get("parameters", []))
            rows.append(f"<tr><td><code>{e(method.upper())}</code></td><td><code>{e(path)}</code></td>"
                        f"<td>{e(op.get('summary', ''))}</td><td><code>{e(params)}</code></td></tr>")
    return (f"<p>{e(spec['info'].get('description', ''))}</p><p>The machine-readable description is "
            f'<a href="/openapi.json">/openapi.json</a> (OpenAPI {e(spec.get("openapi"))}).</p>'
            "<table><thead><tr><th>method</th><th>path</th><th>what</th><th>parameters</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")
