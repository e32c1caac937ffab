"""The domain package of the DeepSeek cost dashboard: data, cost model, scenarios, charts.

Nothing in this package imports streamlit except :mod:`aicost.ui` (enforced by ruff's TID251).
"""
