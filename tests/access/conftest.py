from tests.people.conftest import client_as  # noqa: F401  (the logged-in test client)


def pytest_terminal_summary(terminalreporter):
    """The totals of the access-matrix test, also when it ran in an xdist worker."""
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", []):
        for key, totals in getattr(report, "user_properties", []):
            if key == "access_matrix":
                terminalreporter.write_sep("-", "toegangsmatrix: gecontroleerde combinaties")
                for name, count in sorted(totals.items()):
                    terminalreporter.write_line(f"{name}: {count}")
