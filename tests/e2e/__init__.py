"""Browser tests: Playwright driving a real Chromium against ``streamlit run app.py``."""
