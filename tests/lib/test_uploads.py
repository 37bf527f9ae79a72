import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from koers.lib.uploads import validate_upload

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def upload(content: bytes, name: str = "bestand.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def refusal(content: bytes, kinds, max_bytes: int = 10_000, name: str = "bestand.pdf") -> str:
    with pytest.raises(ValidationError) as caught:
        validate_upload(upload(content, name), kinds=kinds, max_bytes=max_bytes)
    return caught.value.code


def test_it_accepts_a_pdf_where_a_pdf_is_asked():
    validate_upload(upload(PDF), kinds=["pdf"], max_bytes=10_000)


def test_it_accepts_an_image_among_several_kinds():
    validate_upload(upload(PNG, "scan.png"), kinds=["pdf", "jpeg", "png"], max_bytes=10_000)


def test_it_judges_by_content_not_by_name():
    assert refusal(PNG, ["pdf"], name="stiekem.pdf") == "wrong_type"


def test_it_refuses_a_program_renamed_to_pdf():
    assert refusal(b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 60, ["pdf"]) == "wrong_type"


def test_it_refuses_an_empty_file():
    assert refusal(b"", ["pdf"]) == "empty"


def test_it_refuses_a_file_over_the_limit():
    assert refusal(PDF + b" " * 200, ["pdf"], max_bytes=100) == "too_large"


def test_it_accepts_utf8_text_as_csv():
    validate_upload(upload("persoon;uren\n1;4,5\nZoë;3\n".encode(), "uren.csv"), kinds=["csv"], max_bytes=10_000)


def test_it_refuses_binary_data_as_csv():
    assert refusal(b"persoon;uren\n\x00\x01\x02", ["csv"], name="uren.csv") == "wrong_type"


def test_it_refuses_a_pdf_where_csv_is_asked():
    assert refusal(PDF, ["csv"], name="uren.csv") == "wrong_type"


def test_it_leaves_the_file_readable_from_the_start():
    file = upload(PDF)
    validate_upload(file, kinds=["pdf"], max_bytes=10_000)
    assert file.read(4) == b"%PDF"
