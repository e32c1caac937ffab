"""The DeepSeek cost dashboard's code, in layers that import only downwards:

- :mod:`aicost.base`: the data files and releases, the cost formulas, the Monte Carlo, number
  formats and text helpers: facts and arithmetic that no page owns.
- :mod:`aicost.inputs`: what a reader sets: the declared assumptions, how a link carries them
  (:mod:`~aicost.inputs.urlstate`), the presets.
- :mod:`aicost.report`: what every page's result carries: the chart style, the change panel's
  explanation, citations and sources.
- :mod:`aicost.pages`: one package per page (its computation, finding and charts).
- :mod:`aicost.ui`: the only part that imports streamlit: drawing widgets and results.

import-linter checks the order (``[tool.importlinter]`` in pyproject.toml).
"""
