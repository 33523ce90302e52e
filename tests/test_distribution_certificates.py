"""Share certificates (股权证): one PDF per household from its holdings, ID masked, and a register of the
certificates issued and replaced."""

import subprocess

from test_distribution_support import U, small_book

from app.core.ops import Op


def test_certificates_per_household_and_the_register(tmp_path):
    book = small_book(tmp_path / "v.jlbook")
    paths = book.distribution.issue_certificates(tmp_path / "c", issued_on="2027-01-10")
    assert [p.name for p in paths][0] == "股权证_2027-00001_H1_王建国.pdf" and len(paths) == 3
    text = subprocess.run(
        ["pdftotext", "-layout", str(paths[0]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert (
        "股权证" in text
        and "2027-00001" in text
        and "H1 王建国" in text
        and "人口股" in text
        and "（盖章）" in text
    )
    id_number = book.members.get("H1")["id_number"]
    assert id_number not in text and id_number[:4] + "*" * 10 in text  # masked
    assert (
        book.distribution.issue_certificates(tmp_path / "c", issued_on="2027-01-11") == []
    )  # nothing changed
    with book.transact(Op.IMPORT):
        book.shares.set_holding("H2", "人口股", 3 * U, "2027-02-01")  # a birth in the household
    again = book.distribution.issue_certificates(tmp_path / "c", issued_on="2027-02-05")
    assert [p.name for p in again] == ["股权证_2027-00004_H2_李秀英.pdf"]
    register = {r["number"]: r for r in book.distribution.certificate_register()}
    assert (
        register["2027-00002"]["replaced_by"] == "2027-00004"
        and register["2027-00002"]["replaced_on"] == "2027-02-05"
    )
    assert (
        register["2027-00004"]["holdings"]["人口股"] == 3 * U
        and register["2027-00004"]["replaced_by"] is None
    )
    book.close()
