from tonecheck.selection import is_enabled

ID, CAT = "positivity.no-problem", "positivity"


def test_everything_is_on_by_default():
    assert is_enabled(ID, CAT)


def test_select_by_id_prefix_or_category():
    for selector in (ID, "positivity", "positivity."):
        assert is_enabled(ID, CAT, select=[selector])
    assert not is_enabled(ID, CAT, select=["empathy"])
    assert not is_enabled(ID, CAT, select=["positivity.no"])  # prefixes stop at dots


def test_ignore_by_id_prefix_or_category():
    assert not is_enabled(ID, CAT, ignore=["positivity"])
    assert not is_enabled(ID, CAT, ignore=[ID])


def test_the_more_specific_selector_wins():
    assert is_enabled(ID, CAT, select=[ID], ignore=["positivity"])
    assert not is_enabled(ID, CAT, select=["positivity"], ignore=[ID])
