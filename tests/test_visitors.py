"""What one browser's pages share (classroom.visitors), without a server."""

from components.classroom.visitors import BrowserKeys, TabSetups, VisitorChoices


def test_keys_are_kept_per_browser_while_one_of_its_pages_is_open():
    keys = BrowserKeys()
    keys.save("page1#browser-a", {"OPENAI_API_KEY": " sk-a-123456 ", "OPENAI_COMPAT_KEY": "  "})
    assert keys.of("page2#browser-a") == {"OPENAI_API_KEY": "sk-a-123456"}  # trimmed, blanks dropped
    assert keys.of("page1#browser-b") == {} and keys.of("page1#") == {} and keys.of(None) == {}
    keys.page_opened("page2#browser-a")
    keys.page_opened("page9#browser-b")  # a browser without keys is not tracked
    assert keys.session_hashes() == {"page1", "page2"}
    keys.page_gone("page1")
    assert keys.of("page3#browser-a")
    keys.page_gone("page2")
    assert keys.of("page3#browser-a") == {} and keys.session_hashes() == set()


def test_a_browser_without_the_cookie_keeps_no_keys_and_forget_forgets():
    keys = BrowserKeys()
    keys.save("page1#", {"OPENAI_API_KEY": "sk-nobody-123456"})
    assert keys.values() == []
    keys.save("page1#b", {"OPENAI_API_KEY": "sk-b-123456"})
    keys.forget("page7#b")  # Forget on any page of that browser
    assert keys.values() == [] and keys.session_hashes() == set()


def test_choices_are_bounded_and_refuse_what_is_not_a_name():
    choices = VisitorChoices(most=2)
    choices.remember("a", "openai", "gpt-4o-mini")
    choices.remember("b", "builtin", "")
    choices.remember("", "openai", "x")  # no cookie: nothing kept
    choices.remember("c", "custom", "m" * 500)  # not a model name
    assert choices.of("a") == ("openai", "gpt-4o-mini") and choices.of("b") == ("builtin", None)
    choices.remember("c", "custom", "m")
    assert choices.of("a") == (None, None) and len(choices) == 2  # the least recently used went first


def test_tab_setups_are_kept_per_browser_and_bounded():
    setups = TabSetups(most_browsers=2, most_chars=200)
    setups.remember("a", "chat", {"prompt": "Hola"})
    setups.remember("a", "few_shot", {"question": "x" * 300})  # past the browser's share: not kept
    setups.remember("", "chat", {"prompt": "nobody"})
    assert setups.of("a", "chat") == {"prompt": "Hola"} and setups.of("a", "few_shot") is None
    assert setups.of("", "chat") is None and setups.of("b", "chat") is None
    setups.remember("b", "chat", {"prompt": "b"})
    setups.remember("c", "chat", {"prompt": "c"})
    assert setups.of("a", "chat") is None and setups.of("c", "chat") == {"prompt": "c"}  # oldest browser went
