"""The OpenAPI document declares the errors each endpoint can answer and every input limit."""

from __future__ import annotations

from typing import Any

from django.test import SimpleTestCase

from nearer.web.api.app import api

DOC: dict[str, Any] = api.get_openapi_schema()
SCHEMAS: dict[str, Any] = DOC["components"]["schemas"]


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, op)
        for path, ops in DOC["paths"].items()
        for method, op in ops.items()
    ]


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        return SCHEMAS[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def leaves(schema: dict[str, Any], where: str) -> list[tuple[str, dict[str, Any]]]:
    """Every string, number, array and object inside an input schema, with its path."""
    schema = resolve(schema)
    found = [(where, schema)]
    for option in schema.get("anyOf", []):
        found += leaves(option, where)
    for name, prop in schema.get("properties", {}).items():
        found += leaves(prop, f"{where}.{name}")
    if isinstance(schema.get("items"), dict):
        found += leaves(schema["items"], f"{where}[]")
    if isinstance(schema.get("additionalProperties"), dict):
        found += leaves(schema["additionalProperties"], f"{where}{{}}")
    return found


class OpenApiDeclaresTests(SimpleTestCase):
    def test_each_operation_declares_the_errors_it_can_answer(self) -> None:
        for method, path, op in operations():
            codes = {int(c) for c in op["responses"]}
            label = f"{method} {path}"
            if op.get("security"):
                self.assertIn(401, codes, label)
            if "requestBody" in op:
                self.assertTrue({400, 403, 413, 415, 422} <= codes, (label, codes))
            elif method != "GET":
                self.assertIn(403, codes, label)
            if "{" in path:
                self.assertIn(404, codes, label)
            in_path = [p for p in op.get("parameters", []) if p["in"] == "path"]
            if any(p["schema"].get("format") == "uuid" for p in in_path):
                # Only an id can be malformed: a word in the path is found or not (404).
                self.assertIn(422, codes, label)
            for code, answer in op["responses"].items():
                if int(code) >= 400:
                    ref = answer["content"]["application/json"]["schema"]["$ref"]
                    self.assertTrue(ref.endswith("/Problem"), label)
                    self.assertNotEqual(answer["description"], "Unknown Status Code", label)

    def test_specific_errors_are_where_they_happen(self) -> None:
        def codes(method: str, path: str) -> set[int]:
            return {int(c) for c in DOC["paths"][path][method]["responses"]}

        for path in ("/api/auth/login", "/api/auth/token", "/api/auth/signup", "/api/me/password"):
            self.assertIn(429, codes("post", path), path)
        self.assertIn(429, codes("delete", "/api/me"))
        for path in ("/api/couple/invitations", "/api/couple/join", "/api/couple/unpair"):
            self.assertIn(409, codes("post", path), path)
        self.assertIn(404, codes("post", "/api/couple/join"))
        self.assertNotIn(401, codes("post", "/api/auth/signup"))

    def test_every_input_field_states_its_limits(self) -> None:
        checked = 0
        for method, path, op in operations():
            if "requestBody" not in op:
                continue
            body = op["requestBody"]["content"]["application/json"]["schema"]
            for where, schema in leaves(body, f"{method} {path}"):
                kind = schema.get("type")
                if kind == "string":
                    # A choice of named values is its own limit.
                    self.assertTrue({"maxLength", "enum"} & set(schema), where)
                elif kind == "integer":
                    self.assertTrue({"minimum", "maximum"} <= set(schema), where)
                elif kind == "array":
                    self.assertIn("maxItems", schema, where)
                elif kind == "object" and "additionalProperties" in schema:
                    self.assertIn("maxProperties", schema, where)
                checked += 1
        self.assertGreater(checked, 40)

    def test_the_limits_are_the_ones_the_forms_keep(self) -> None:
        checkin = SCHEMAS["CheckInIn"]["properties"]
        self.assertEqual(
            (checkin["closeness"]["minimum"], checkin["closeness"]["maximum"]), (1, 10)
        )
        self.assertEqual(checkin["private_note"]["maxLength"], 1000)
        entry = SCHEMAS["EntryIn"]["properties"]
        self.assertEqual(entry["text"]["maxLength"], 10_000)
        self.assertEqual(
            (entry["feelings"]["maxItems"], entry["feelings"]["items"]["maxLength"]), (10, 40)
        )
        self.assertEqual(SCHEMAS["SignUp"]["properties"]["display_name"]["maxLength"], 60)
        self.assertEqual(SCHEMAS["Credentials"]["properties"]["email"]["maxLength"], 254)
