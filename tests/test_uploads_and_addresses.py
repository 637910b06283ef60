"""The two rules a shared copy keeps for what a visitor names: a file is read only if it is an upload (a regular
file in Gradio's upload folder, size checked first), and a visitor's URL reaches only public addresses."""

import os

import pytest

from components.core.outbound import AddressGuard, AddressRefused, is_public
from components.core.uploads import Uploads
from components.i18n import UserError


@pytest.fixture
def uploads(tmp_path):
    folder = tmp_path / "gradio"
    (folder / "abc123").mkdir(parents=True)
    (folder / "abc123" / "cat.png").write_bytes(b"\x89PNG fake")
    return Uploads(folder)


def refusal(uploads: Uploads, path, max_bytes: int = 1000) -> str:
    with pytest.raises(UserError) as caught:
        uploads.read(path, max_bytes)
    return caught.value.key


def test_only_files_in_the_upload_folder_are_read(uploads, tmp_path):
    assert uploads.read(str(uploads.folder / "abc123" / "cat.png"), 1000) == b"\x89PNG fake"
    secret = tmp_path / "teacher.png"
    secret.write_bytes(b"\x89PNG secret")
    assert refusal(uploads, str(secret)) == "not_an_upload"
    assert refusal(uploads, str(tmp_path / "missing.png")) == "not_an_upload"  # the same sentence: no oracle
    assert refusal(uploads, str(uploads.folder / ".." / "teacher.png")) == "not_an_upload"
    assert refusal(uploads, "/etc/passwd") == refusal(uploads, "/dev/zero") == "not_an_upload"
    assert refusal(uploads, {"path": "x"}) == refusal(uploads, "") == refusal(uploads, "a\0b") == "not_an_upload"
    assert refusal(Uploads(None), str(uploads.folder / "abc123" / "cat.png")) == "not_an_upload"


def test_links_fifos_and_devices_inside_the_folder_are_refused(uploads, tmp_path):
    outside = tmp_path / "teacher.png"
    outside.write_bytes(b"\x89PNG secret")
    (uploads.folder / "link.png").symlink_to(outside)
    (uploads.folder / "zero.png").symlink_to("/dev/zero")
    os.mkfifo(uploads.folder / "pipe.png")
    for name in ("link.png", "zero.png", "pipe.png", "abc123"):
        assert refusal(uploads, str(uploads.folder / name)) == "not_an_upload", name


def test_the_size_is_checked_before_reading(uploads):
    huge = uploads.folder / "abc123" / "huge.png"
    with open(huge, "wb") as file:
        file.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    with pytest.raises(UserError) as caught:
        uploads.read(str(huge), 50 * 1024 * 1024)
    assert caught.value.key == "image_too_big" and caught.value.details["megabytes"] == 200


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.20",
        "100.64.0.1",  # carrier-grade NAT
        "169.254.169.254",  # cloud metadata
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "::1",
        "fd00::1",  # IPv6 unique local
        "fe80::1",
        "::ffff:127.0.0.1",
        "::",
    ],
)
def test_non_public_addresses_are_refused(address):
    assert not is_public(address)
    with pytest.raises(AddressRefused):
        AddressGuard().pick([address], 443)


def test_public_addresses_pass_and_a_name_with_any_inside_address_is_refused_whole():
    guard = AddressGuard()
    assert guard.pick(["93.184.216.34"], 443) == "93.184.216.34"
    assert guard.pick(["2606:4700::1111"], 443) == "2606:4700::1111"
    with pytest.raises(AddressRefused):
        guard.pick(["93.184.216.34", "127.0.0.1"], 443)
    with pytest.raises(AddressRefused):
        guard.pick([], 443)


def test_a_school_network_may_allow_local_addresses_but_never_the_apps_own_port():
    guard = AddressGuard(allow_local=True)
    guard.own_ports.add(7860)
    assert guard.pick(["192.168.1.20"], 11434) == "192.168.1.20"
    for address, port in [("127.0.0.1", 7860), ("0.0.0.0", 11434), ("224.0.0.1", 80)]:
        with pytest.raises(AddressRefused):
            guard.pick([address], port)
