"""What holds on every page: generated broken data and hostile links, recorded links, each
page's result, numbers first, Streamlit's internals, security, the change panel and share
box, one rounding per figure, the chart style, releases in links, the README and deployment."""
