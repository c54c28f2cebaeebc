"""The review regressions render pages like the workflow tests: same static files, same frozen day."""

from tests.workflow.conftest import _plain_static_files, _static_root, today

__all__ = ["_plain_static_files", "_static_root", "today"]
