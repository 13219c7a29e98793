"""A checkpoint signed through ``countroom.Count.sign_checkpoint``: the line
``countroom sign`` appends to the same log with the same key (run here on a
copy), and the refusals."""

import shutil

import pytest

import countroom


def prefix(data, name, seq):
    ls = (data / name).read_bytes().splitlines(keepends=True)
    return b"".join(ls[:seq]), ls[seq]


def test_the_line_countroom_sign_writes(data, cli, tmp_path):
    # Abbey Ward after verification (entries 1-69), signed by the Returning
    # Officer with her demonstration key.
    log, shipped = prefix(data, "abbey-ward.jsonl", 70)
    key = data / "keys" / "jmarsh.key"
    copy = tmp_path / "abbey.jsonl"
    copy.write_bytes(log)
    cli("sign", copy, "--key", key, "--by", "jmarsh", "--at", "2026-05-07T23:45:00+01:00")
    signed_by_cli = copy.read_bytes()[len(log):]
    count = countroom.Count(log)
    line = count.sign_checkpoint("jmarsh", key.read_text(), at="2026-05-07T23:45:00+01:00")
    assert line == signed_by_cli
    assert line == shipped
    assert count.log == copy.read_bytes()
    # Without a time, and from the key file's bytes: the CLI's line again.
    copy.write_bytes(log)
    cli("sign", copy, "--key", key, "--by", "jmarsh")
    assert countroom.Count(log).sign_checkpoint("jmarsh", key.read_bytes()) == \
        copy.read_bytes()[len(log):]
    # The count goes on after it.
    assert count.documents("abbey")["contests"][0]["contest"]["id"] == "abbey"


def test_refused_checkpoints_leave_the_count_unchanged(data):
    log, _ = prefix(data, "abbey-ward.jsonl", 70)
    count = countroom.Count(log)
    with pytest.raises(countroom.InputError) as e:
        count.sign_checkpoint("jmarsh", "not a key")
    assert e.value.problems[0]["code"] == "not_a_key"
    with pytest.raises(countroom.RejectedError) as e:
        count.sign_checkpoint("jmarsh", (data / "keys" / "hmarsh.key").read_text())
    assert e.value.problems[0]["code"] == "checkpoint_signature"
    with pytest.raises(countroom.RejectedError):
        count.sign_checkpoint("vclerk1", (data / "keys" / "jmarsh.key").read_text())
    with pytest.raises(countroom.RejectedError) as e:
        count.sign_checkpoint("stranger", (data / "keys" / "jmarsh.key").read_text())
    assert count.log == log


def test_public_key_of_a_secret(data):
    """``public_key``: RFC 8032's first Ed25519 test vector (independent of
    countroom), and the shipped demonstration key's public key as the
    Abbey Ward log appoints it (audit 13, finding 13: a signer's key
    without the CLI). Anything but 64 lower-case hex digits is refused."""
    assert countroom.public_key(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60") == (
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
    secret = (data / "keys" / "jmarsh.key").read_text()
    assert countroom.public_key(secret) == (data / "keys" / "jmarsh.pub").read_text().strip()
    assert countroom.public_key(secret) in (data / "abbey-ward.jsonl").read_text()
    for bad in ["", "xyz", "9D61B19DEFFD5A60BA844AF492EC2CC44449C5697B326919703BAC031CAE7F60", "00" * 31]:
        with pytest.raises(countroom.InputError) as e:
            countroom.public_key(bad)
        assert e.value.problems[0]["code"] == "not_a_key"
