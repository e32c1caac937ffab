"""What every page's result carries: the chart style (:mod:`~aicost.report.charts`), what a
scenario changes from the sourced defaults (:mod:`~aicost.report.explain`), and its citation
and sources (:mod:`~aicost.report.cite`). No streamlit import."""
