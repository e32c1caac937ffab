"""Facts and arithmetic that no page owns: the validated data files and their releases
(:mod:`~aicost.base.data`, :mod:`~aicost.base.release`), GPU facts read from them
(:mod:`~aicost.base.gpus`), the cost formulas (:mod:`~aicost.base.model`), the Monte Carlo
(:mod:`~aicost.base.montecarlo`), number formats (:mod:`~aicost.base.fmt`) and text
helpers (:mod:`~aicost.base.text`). No streamlit import."""
