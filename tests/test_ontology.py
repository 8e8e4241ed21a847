"""The CAMEO/PLOVER table: every codebook code once, with the facts the coder copies into events."""

import csv
from pathlib import Path

import pytest

from dyads.ontology import load_ontology

_ROOT = Path(__file__).resolve().parents[1]
SHARED = next((d for d in (_ROOT.parent / "shared", _ROOT.parent.parent / "shared") if d.is_dir()), _ROOT / "shared")
CODEBOOK = SHARED / "eval" / "cameo" / "cameo-codes.csv"


def test_quad_classes_and_plover_views():
    ont = load_ontology()
    assert len(ont) == 312 and len(ont.roots()) == 20
    assert ont.get("190").quad_class == 4 and ont.get("190").plover == "ASSAULT"
    assert ont.get("057").quad_class == 1 and ont.get("061").quad_class == 2 and ont.get("111").quad_class == 3
    assert ont.get("010").plover is None  # statements keep no PLOVER type
    assert ont.get("0253").plover == "REQUEST"  # appeals map to REQUEST
    assert ont.get("08").plover == ont.get("080").plover == "CONCEDE"  # the root takes its first listed type
    assert ont.get("02531").code == "0253"  # unknown sub-codes fall back to their parent
    with pytest.raises(KeyError):
        ont.get("99")


@pytest.mark.skipif(not CODEBOOK.is_file(), reason="../shared/eval/cameo/cameo-codes.csv is not present")
def test_table_matches_the_codebook():
    ont = load_ontology()
    with open(CODEBOOK, encoding="utf-8", newline="") as f:
        rows = {r["code"].strip(): float(r["goldstein"]) for r in csv.DictReader(f)}
    assert set(rows) == set(ont.codes)
    assert all(ont.codes[c].goldstein == g for c, g in rows.items())


def test_plover_manual_overrides_the_conversion_table():
    """Sanctions are SANCTION `discontinue` and lifting a curfew is CONCEDE, as the PLOVER manual says."""
    ont = load_ontology()
    assert ont.get("163").plover == "SANCTION"
    assert ont.get("0813").plover == ont.get("0814").plover == "CONCEDE"
    assert ont.get("0841").plover == "RETREAT"  # the table stands where the manual agrees
