"""What a reader sets: the one declared table of assumptions (:mod:`~aicost.inputs.assumptions`),
how a link carries them and what it may not carry (:mod:`~aicost.inputs.urlstate`), and the
presets (:mod:`~aicost.inputs.presets`). No streamlit import."""
