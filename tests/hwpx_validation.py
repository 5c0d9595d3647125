"""The HWPX validators the tests run on every HWPX they make (python-hwpx: schema, package,
editor-open safety; and the project's Hancom-safety rules, tests/hancom_safety.py)."""

from __future__ import annotations

import warnings


def assert_valid_hwpx(data: bytes) -> None:
    from hwpx import validate_editor_open_safety
    from hwpx.tools.package_validator import validate_package
    from hwpx.tools.validator import validate_document

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        schema = validate_document(data)
        assert schema.ok, [str(i) for i in schema.issues]
        assert not schema.issues, [str(i) for i in schema.issues]  # not even lint warnings
        package = validate_package(data)
        assert package.ok, [str(i) for i in package.issues]
        safety = validate_editor_open_safety(data)
        assert safety.ok, safety.summary
    from hancom_safety import hancom_problems

    assert hancom_problems(data) == []

