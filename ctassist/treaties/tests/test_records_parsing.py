"""Parsing and validation of the treaty CSV files: the real files, fixed bad cases, and property
tests that corrupt one cell of a valid file and expect that cell's line and field back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ctassist.treaties import records
from ctassist.treaties.records import (
    INSTRUMENT_COLUMNS,
    PARTICIPATION_COLUMNS,
    RecordError,
    RecordErrors,
    eif_rule_from_record,
    parse_instruments_csv,
    parse_participation_csv,
    shared_data_dir,
)
from ctassist.treaties.rules import (
    CONSENT_KINDS,
    RATIFICATION_CLASS,
    ActionKind,
    GeneralOffset,
    GeneralOffsetKind,
    LaterStateOffset,
    LaterStateOffsetKind,
)

FAST = settings(max_examples=80, deadline=None, database=None)
FILENAME = "HOSTAGES_1979.csv"


def to_csv(header: list[str] | tuple[str, ...], rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row[column] for column in header])
    return buffer.getvalue()


def row_lines(header: tuple[str, ...], rows: list[dict[str, str]]) -> list[int]:
    """Line on which each data row starts (header = line 1), counting quoted line breaks."""
    lines, line = [], 2
    for row in rows:
        lines.append(line)
        line += to_csv(header, [row]).count("\n") - 1
    return lines


def participation_row(**cells: str) -> dict[str, str]:
    row = {
        "instrument_id": "HOSTAGES_1979",
        "participant": "Afghanistan",
        "iso3": "AFG",
        "action": "accession",
        "date": "2003-09-24",
        "effective_date": "2003-10-24",
        "source_url": "https://verdragenbank.overheid.nl/nl/Verdrag/Details/000836_p.html",
        "status_as_at": "",
        "note": "",
    }
    row.update(cells)
    return row


def errors_of(text: str, **kwargs: object) -> list[RecordError]:
    with pytest.raises(RecordErrors) as caught:
        parse_participation_csv(text, filename=FILENAME, **kwargs)  # type: ignore[arg-type]
    return list(caught.value.errors)


# --- the real files -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def treaties_dir() -> Path:
    path = shared_data_dir() / "treaties"
    if not (path / "instruments.csv").is_file():
        pytest.skip(f"shared treaty data not found at {path} (set CTASSIST_SHARED_DATA)")
    return path


def test_shared_data_dir_default_and_override(monkeypatch, tmp_path):
    monkeypatch.delenv("CTASSIST_SHARED_DATA", raising=False)
    repo_root = Path(records.__file__).resolve().parents[2]
    assert shared_data_dir() == (repo_root.parent / "shared" / "data").resolve()
    monkeypatch.setenv("CTASSIST_SHARED_DATA", str(tmp_path))
    assert shared_data_dir() == tmp_path


def test_real_files_parse_and_match_the_readme_counts(treaties_dir):
    instruments = parse_instruments_csv(
        (treaties_dir / "instruments.csv").read_text(encoding="utf-8"), filename="instruments.csv"
    )
    assert [record.seq for record in instruments] == list(range(1, 20))
    readme = (treaties_dir / "participation" / "README.md").read_text(encoding="utf-8")
    table = {
        match.group(1): tuple(int(value) for value in match.groups()[1:])
        for match in re.finditer(r"\| `(\w+)\.csv` \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|", readme)
    }
    assert set(table) == {record.id for record in instruments}
    for record in instruments:
        path = treaties_dir / "participation" / f"{record.id}.csv"
        rows = parse_participation_csv(
            path.read_text(encoding="utf-8"),
            filename=path.name,
            known_instrument_ids=set(table),
        )
        bound = {r.state_key for r in rows if r.action in CONSENT_KINDS}
        dated = {r.state_key for r in rows if r.action in CONSENT_KINDS and r.date}
        signed = {r.state_key for r in rows if r.action == ActionKind.SIGNATURE}
        assert (len(rows), len(bound), len(dated), len(signed)) == table[record.id], record.id
        assert all(r.source_url.startswith("http") for r in rows)


def test_real_rules(treaties_dir):
    text = (treaties_dir / "instruments.csv").read_text(encoding="utf-8")
    rules = {r.id: eif_rule_from_record(r) for r in parse_instruments_csv(text, filename="x.csv")}
    tokyo = rules["TOKYO_1963"]
    assert (tokyo.threshold_count, tokyo.qualifying_kinds, tokyo.conditions) == (
        12,
        RATIFICATION_CLASS,
        (),
    )
    assert rules["HOSTAGES_1979"].qualifying_kinds == RATIFICATION_CLASS | {ActionKind.ACCESSION}
    assert rules["ICSANT_2005"].qualifying_kinds == CONSENT_KINDS
    amendment = rules["CPPNM_AMEND_2005"]
    assert amendment.threshold_count is None
    assert amendment.conditions
    assert amendment.general_offset == GeneralOffset(GeneralOffsetKind.DAYS_AFTER_THRESHOLD, 30)
    assert amendment.later_state_offset == LaterStateOffset(LaterStateOffsetKind.SAME_DAY)
    assert rules["MEX_1991"].threshold_count == 35
    assert any("producer" in condition for condition in rules["MEX_1991"].conditions)
    assert rules["HAGUE_1970"].threshold_count == 10
    assert not rules["HAGUE_1970"].general_eif_computable
    fixed_platforms = rules["SUA_PROT_1988"]
    assert fixed_platforms.later_state_offset == LaterStateOffset(
        LaterStateOffsetKind.DAYS_AFTER_DEPOSIT, 90
    )
    assert any("not before" in condition for condition in fixed_platforms.conditions)
    beijing = rules["BEIJING_CONV_2010"]
    assert beijing.general_offset == GeneralOffset(GeneralOffsetKind.FIRST_DAY_OF_SECOND_MONTH)
    assert beijing.general_eif_computable
    # Art. XXIII(2) of the Beijing Protocol and Art. XVIII(2) of the Montreal Protocol 2014.
    second_month = LaterStateOffset(LaterStateOffsetKind.FIRST_DAY_OF_SECOND_MONTH)
    assert rules["BEIJING_PROT_2010"].later_state_offset == second_month
    montreal_2014 = rules["MP14_2014"]
    assert montreal_2014.general_offset == GeneralOffset(
        GeneralOffsetKind.FIRST_DAY_OF_SECOND_MONTH
    )
    assert montreal_2014.later_state_offset == second_month
    assert montreal_2014.threshold_count == 22
    # Art. 26: the 30th day after the 22nd deposit, and after a later State's own.
    financing = rules["FINANCING_1999"]
    assert financing.general_offset == GeneralOffset(GeneralOffsetKind.DAYS_AFTER_DEPOSIT, 30)
    assert financing.later_state_offset == LaterStateOffset(
        LaterStateOffsetKind.DAYS_AFTER_DEPOSIT, 30
    )
    # Art. 9: three definitive signatures or deposits, not before SUA 2005; later States: 90 days.
    fixed_platforms_2005 = rules["SUA_PROT_2005"]
    assert (
        fixed_platforms_2005.threshold_count,
        fixed_platforms_2005.general_offset,
        fixed_platforms_2005.later_state_offset,
        fixed_platforms_2005.floor_is_general_eif,
    ) == (
        3,
        GeneralOffset(GeneralOffsetKind.DAYS_AFTER_DEPOSIT, 90),
        LaterStateOffset(LaterStateOffsetKind.DAYS_AFTER_DEPOSIT, 90),
        True,
    )
    assert any("not before" in condition for condition in fixed_platforms_2005.conditions)
    assert fixed_platforms_2005.published_general_eif == dt.date(2010, 7, 28)


# --- participation: fixed cases -------------------------------------------------------------


def test_valid_rows_keep_every_column():
    note = 'UNTC, "footnote 2"\nsecond line'
    text = to_csv(
        PARTICIPATION_COLUMNS,
        [
            participation_row(status_as_at="2024-04-18", note=note),
            participation_row(
                participant="European Atomic Energy Community (EURATOM)",
                iso3="",
                action="signature",
                date="1980-06-13",
                effective_date="",
            ),
        ],
    )
    first, second = parse_participation_csv(text, filename=FILENAME)
    assert (first.line, second.line) == (2, 4)
    assert first.status_as_at == dt.date(2024, 4, 18)
    assert first.note == note
    assert first.source_url.startswith("https://verdragenbank")
    assert first.to_action().effective_date == dt.date(2003, 10, 24)
    assert second.iso3 is None
    assert second.state_key == "European Atomic Energy Community (EURATOM)"


@pytest.mark.parametrize(
    ("cells", "field", "message"),
    [
        ({"action": "ratify"}, "action", "unknown value"),
        ({"action": ""}, "action", "missing value"),
        ({"date": "2003-02-30"}, "date", "ISO date"),
        ({"date": "24/09/2003"}, "date", "ISO date"),
        ({"date": "20030924"}, "date", "ISO date"),
        ({"participant": " "}, "participant", "missing value"),
        ({"iso3": "af"}, "iso3", "alpha-3"),
        ({"instrument_id": "IPP_1973"}, "instrument_id", "in the file for"),
        ({"source_url": ""}, "source_url", "missing value"),
        ({"source_url": "www.example.org"}, "source_url", "URL"),
        ({"status_as_at": "2024"}, "status_as_at", "ISO date"),
        ({"date": "", "effective_date": ""}, "date", "neither"),
        ({"action": "signature"}, "effective_date", "no effective date"),
        ({"effective_date": "2003-09-01"}, "effective_date", "before the accession date"),
    ],
)
def test_bad_cells_name_line_and_field(cells, field, message):
    text = to_csv(
        PARTICIPATION_COLUMNS, [participation_row(iso3="ALB"), participation_row(**cells)]
    )
    errors = errors_of(text)
    assert [(e.filename, e.line, e.field) for e in errors] == [(FILENAME, 3, field)]
    assert message in errors[0].message
    assert str(errors[0]).startswith(f"{FILENAME}:3: {field}: ")


def test_a_retroactive_succession_is_valid():
    row = participation_row(action="succession", date="1993-09-01", effective_date="1992-03-06")
    (record,) = parse_participation_csv(to_csv(PARTICIPATION_COLUMNS, [row]), filename=FILENAME)
    assert record.action == ActionKind.SUCCESSION


def test_all_errors_of_a_file_are_reported_together():
    rows = [
        participation_row(action="ratify"),
        participation_row(iso3="ALB"),
        participation_row(iso3="DZA", date="2003-13-01", participant=""),
        participation_row(iso3="ALB"),  # duplicate of line 3
    ]
    errors = errors_of(to_csv(PARTICIPATION_COLUMNS, rows))
    assert {(e.line, e.field) for e in errors} == {
        (2, "action"),
        (4, "date"),
        (4, "participant"),
        (5, "participant"),
    }


def test_instrument_id_checks():
    row = participation_row(instrument_id="NOT_LISTED")
    text = to_csv(PARTICIPATION_COLUMNS, [row])
    errors = errors_of(text, known_instrument_ids={"HOSTAGES_1979"}, instrument_id="NOT_LISTED")
    assert [(e.line, e.field) for e in errors] == [(2, "instrument_id")]
    assert "unknown instrument" in errors[0].message
    # A file name that is not an id does not imply one.
    assert parse_participation_csv(text, filename="upload.csv")[0].instrument_id == "NOT_LISTED"


@pytest.mark.parametrize("missing", ["participant", "effective_date", "note"])
def test_missing_header_column(missing):
    header = [column for column in PARTICIPATION_COLUMNS if column != missing]
    text = to_csv(header, [participation_row()])
    assert [(e.line, e.field, e.message) for e in errors_of(text)] == [
        (1, missing, "missing header column")
    ]


def test_header_extra_column_order_and_empty_file():
    extra = [*PARTICIPATION_COLUMNS, "comment"]
    assert [(e.line, e.field) for e in errors_of(to_csv(extra, []))] == [(1, "comment")]
    swapped = ["participant", "instrument_id", *PARTICIPATION_COLUMNS[2:]]
    assert [(e.line, e.field) for e in errors_of(to_csv(swapped, []))] == [(1, "header")]
    assert [(e.line, e.field) for e in errors_of("")] == [(1, "header")]


def test_wrong_cell_count_and_blank_lines():
    text = to_csv(PARTICIPATION_COLUMNS, [participation_row()]) + "\nHOSTAGES_1979,Albania\n"
    assert [(e.line, e.field) for e in errors_of(text)] == [(4, "row")]
    bom_and_blank = "\ufeff" + to_csv(PARTICIPATION_COLUMNS, [participation_row()]) + "\n\n"
    assert len(parse_participation_csv(bom_and_blank, filename=FILENAME)) == 1


def test_unreadable_csv_is_a_record_error():
    huge = participation_row(iso3="ALB", note="x" * 200_000)  # beyond csv.field_size_limit()
    text = to_csv(PARTICIPATION_COLUMNS, [participation_row(), huge, participation_row()])
    errors = errors_of(text)
    assert [(e.line, e.field) for e in errors] == [(3, "row")]
    assert "unreadable CSV" in errors[0].message


# --- participation: properties --------------------------------------------------------------

note_text = st.text(alphabet="abcXYZ é,'\"\n-;|", max_size=30)
iso_dates = st.dates(min_value=dt.date(1963, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def valid_rows(draw: st.DrawFn) -> list[dict[str, str]]:
    codes = draw(
        st.lists(st.from_regex(r"[A-Z]{3}", fullmatch=True), min_size=1, max_size=8, unique=True)
    )
    rows = []
    for code in codes:
        kind = draw(st.sampled_from(list(ActionKind)))
        deposit = draw(iso_dates)
        effective = ""
        if kind not in (ActionKind.SIGNATURE, ActionKind.SUCCESSION_TO_SIGNATURE) and draw(
            st.booleans()
        ):
            shift = draw(st.integers(-500 if kind == ActionKind.SUCCESSION else 0, 500))
            effective = (deposit + dt.timedelta(days=shift)).isoformat()
        rows.append(
            participation_row(
                participant=draw(st.sampled_from(["Türkiye", "Congo, Republic of", 'A "B"'])),
                iso3=code,
                action=kind.value,
                date=deposit.isoformat(),
                effective_date=effective,
                status_as_at=draw(st.sampled_from(["", "2024-04-18"])),
                note=draw(note_text),
            )
        )
    return rows


BAD_VALUES = {
    "instrument_id": st.sampled_from(["", "hostages_1979", "IPP_1973", "HOSTAGES 1979"]),
    "participant": st.sampled_from(["", "   "]),
    "iso3": st.sampled_from(["ab", "ABCD", "a1c", "Tur"]),
    "action": st.sampled_from(["", "ratify", "Ratification", "withdrawal"]),
    "date": st.sampled_from(["2019-13-01", "2019-02-30", "01/02/2019", "20190101", "2019-1-1"]),
    "effective_date": st.sampled_from(["2019-02-29", "tomorrow", "2019/01/01"]),
    "source_url": st.sampled_from(["", "ftp://example.org", "www.example.org", "https://a b"]),
    "status_as_at": st.sampled_from(["2019-00-10", "x", "2019-1-01"]),
}


@FAST
@given(rows=valid_rows(), data=st.data())
def test_one_bad_cell_is_reported_at_its_line_and_field(rows, data):
    lines = row_lines(PARTICIPATION_COLUMNS, rows)
    assert len(parse_participation_csv(to_csv(PARTICIPATION_COLUMNS, rows), filename=FILENAME)) == (
        len(rows)
    )
    index = data.draw(st.integers(0, len(rows) - 1))
    field = data.draw(st.sampled_from(sorted(BAD_VALUES)))
    rows[index][field] = data.draw(BAD_VALUES[field])
    errors = errors_of(to_csv(PARTICIPATION_COLUMNS, rows))
    assert (lines[index], field) in {(e.line, e.field) for e in errors}
    assert {e.line for e in errors} == {lines[index]}


@FAST
@given(text=st.text(max_size=300))
@example(text=",")
@example(text='"unclosed\n\x00')
def test_random_text_gives_records_or_record_errors(text):
    for candidate in (text, ",".join(PARTICIPATION_COLUMNS) + "\n" + text):
        try:
            parsed = parse_participation_csv(candidate, filename=FILENAME)
        except RecordErrors as exc:
            assert exc.errors
            assert all(e.filename == FILENAME and e.line >= 1 and e.field for e in exc.errors)
        else:
            assert all(record.line >= 2 for record in parsed)


# --- instruments.csv ------------------------------------------------------------------------


def instrument_row(**cells: str) -> dict[str, str]:
    row = dict.fromkeys(INSTRUMENT_COLUMNS, "")
    row.update(
        {
            "seq": "1",
            "id": "HOSTAGES_1979",
            "short_name": "Hostages Convention 1979",
            "full_title": "International Convention against the Taking of Hostages",
            "adoption_date": "1979-12-17",
            "adoption_place": "New York",
            "depositary": "Secretary-General of the United Nations",
            "untc_mtdsg_no": "XVIII-5",
            "unts_registration_no": "21931",
            "eif_threshold": "22 instruments of ratification or accession",
            "eif_general_offset_kind": "days_after_deposit",
            "eif_general_offset_days": "30",
            "eif_later_state_offset_kind": "days_after_deposit",
            "eif_later_state_offset_days": "30",
            "eif_later_state_floor_is_general_eif": "yes",
            "entry_into_force_date": "1983-06-03",
            "sources": "https://treaties.un.org/ | https://sip.lex.pl/ (Art. 18)",
        }
    )
    row.update(cells)
    return row


def second_instrument(**cells: str) -> dict[str, str]:
    defaults = {
        "seq": "2",
        "id": "IPP_1973",
        "adoption_date": "1973-12-14",
        "entry_into_force_date": "1977-02-20",
    }
    return instrument_row(**{**defaults, **cells})


def test_valid_instruments_and_rule():
    text = to_csv(INSTRUMENT_COLUMNS, [instrument_row(), second_instrument()])
    hostages, _ = parse_instruments_csv(text, filename="instruments.csv")
    assert hostages.sources == ("https://treaties.un.org/", "https://sip.lex.pl/ (Art. 18)")
    assert hostages.adopted_by is None
    rule = eif_rule_from_record(hostages)
    assert rule.threshold_count == 22
    assert rule.general_eif_computable
    assert rule.later_state_offset == LaterStateOffset(LaterStateOffsetKind.DAYS_AFTER_DEPOSIT, 30)
    assert rule.floor_is_general_eif is True
    assert rule.published_general_eif == dt.date(1983, 6, 3)


def test_a_conditional_general_rule_blocks_computation():
    rule_text = (
        "90 days after the 3rd deposit, but not before the SUA Convention entered into force"
    )
    row = instrument_row(eif_threshold="3 instruments", eif_general_rule=rule_text)
    (record,) = parse_instruments_csv(to_csv(INSTRUMENT_COLUMNS, [row]), filename="x.csv")
    rule = eif_rule_from_record(record)
    assert rule.threshold_count == 3
    assert rule.conditions == (rule_text,)
    assert not rule.general_eif_computable


@pytest.mark.parametrize(
    ("cells", "field"),
    [
        ({"eif_general_offset_kind": "days_after_signature"}, "eif_general_offset_kind"),
        ({"eif_general_offset_kind": ""}, "eif_general_offset_days"),
        ({"eif_general_offset_days": ""}, "eif_general_offset_days"),
        ({"eif_general_offset_days": "-3"}, "eif_general_offset_days"),
        (
            {"eif_later_state_offset_kind": "first_day_of_second_month"},
            "eif_later_state_offset_days",
        ),
        (
            {"eif_later_state_offset_kind": "same_day", "eif_later_state_offset_days": "5"},
            "eif_later_state_offset_days",
        ),
        ({"eif_later_state_floor_is_general_eif": "maybe"}, "eif_later_state_floor_is_general_eif"),
        ({"entry_into_force_date": "1979-01-01"}, "entry_into_force_date"),
        ({"adoption_date": ""}, "adoption_date"),
        ({"relation": "replaces", "related_instrument_ids": "IPP_1973"}, "relation"),
        ({"relation": "amends"}, "related_instrument_ids"),
        ({"relation": "amends", "related_instrument_ids": "CPPNM_1980"}, "related_instrument_ids"),
        ({"seq": "first"}, "seq"),
        ({"untc_mtdsg_no": "18-5"}, "untc_mtdsg_no"),
        ({"depositary": ""}, "depositary"),
        ({"sources": ""}, "sources"),
    ],
)
def test_bad_instrument_cells(cells, field):
    text = to_csv(INSTRUMENT_COLUMNS, [instrument_row(**cells), second_instrument()])
    with pytest.raises(RecordErrors) as caught:
        parse_instruments_csv(text, filename="instruments.csv")
    assert (2, field) in {(e.line, e.field) for e in caught.value.errors}
    assert all(e.filename == "instruments.csv" for e in caught.value.errors)


@pytest.mark.parametrize("field", ["id", "seq"])
def test_duplicate_instruments_are_reported_on_the_second_line(field):
    duplicate = second_instrument(**{field: instrument_row()[field]})
    text = to_csv(INSTRUMENT_COLUMNS, [instrument_row(), duplicate])
    with pytest.raises(RecordErrors) as caught:
        parse_instruments_csv(text, filename="instruments.csv")
    assert [(e.line, e.field, e.message) for e in caught.value.errors] == [
        (3, field, "duplicate of line 2")
    ]


def test_instrument_header_must_be_complete():
    header = [column for column in INSTRUMENT_COLUMNS if column != "eif_threshold"]
    with pytest.raises(RecordErrors) as caught:
        parse_instruments_csv(to_csv(header, [instrument_row()]), filename="instruments.csv")
    assert [(e.line, e.field) for e in caught.value.errors] == [(1, "eif_threshold")]


@FAST
@given(text=st.text(max_size=300))
def test_random_instrument_text_gives_record_errors_only(text):
    for candidate in (text, ",".join(INSTRUMENT_COLUMNS) + "\n" + text):
        try:
            parse_instruments_csv(candidate, filename="instruments.csv")
        except RecordErrors as exc:
            assert exc.errors
