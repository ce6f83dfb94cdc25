"""Every page and every view stays up on small or unusual uploads (Streamlit AppTest).

No periods, a directed map whose direction is mixed, a single tie, no focal
organization, no challenges: each is a real upload someone will make.
"""

import pytest
from streamlit.testing.v1 import AppTest

UPLOADS = {
    "no-periods.csv": b"from,to\nA,B\nB,C\nC,D\nD,A\nE,F\n",
    "mixed-direction.csv": b"source,target,year,directed\nA,B,2020,yes\nB,C,2021,yes\n"
                           b"C,A,2021,no\n",
    "one-tie.csv": b"source,target\nA,B\n",
}
VIEWS = {
    "pages/2_network_map.py": ("net_view", ["Central players", "Over time", "Our position",
                                            "Map", "Whole network", "Export"]),
    "pages/3_leadership.py": ("ls_section", ["Strengths & gaps", "Boundaries", "Brokers",
                                             "Partners & what-if", "Dialogue",
                                             "Executive brief"]),
}
PAGES = ["pages/home.py", "pages/1_business_case.py", *VIEWS, "pages/workspaces.py"]


@pytest.mark.parametrize("name", UPLOADS)
def test_every_page_and_view_opens(name):
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.run()
    at.file_uploader(key="home_uploader").set_value([(name, UPLOADS[name], "text/csv")]).run()
    assert at.session_state.app_dataset.name == name, at.session_state.app_report.as_text()
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        key, views = VIEWS.get(page, (None, []))
        for view in views:
            at.session_state[key] = view
            at.run()
            assert not at.exception, (page, view, at.exception)
