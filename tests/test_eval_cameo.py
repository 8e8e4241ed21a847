"""`dyads eval cameo-examples`: what is coded of a codebook example."""

from dyads.eval.cameo_examples import example_text


def test_the_codebook_note_is_not_example_text():
    text = "Gondor sent grain to Rohan on Monday. Note: Two events are coded with actors reversed."
    assert example_text(text) == "Gondor sent grain to Rohan on Monday."
    assert example_text("  Mordor massed troops near Osgiliath.  ") == "Mordor massed troops near Osgiliath."
    assert example_text("Notes of the council were read. Notebook:") == "Notes of the council were read. Notebook:"
