# syntax=docker/dockerfile:1
# The dashboard as a container: one Streamlit process on port 8501.
#   docker build -t aicost .
#   docker run --rm -p 8501:8501 aicost          # then open http://localhost:8501
# Settings come from STREAMLIT_* environment variables (override any with `docker run -e`);
# .streamlit/config.toml supplies the theme and navigation. See README, "Deploying".
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# An unprivileged user with a home (Streamlit keeps a little state in ~/.streamlit).
RUN useradd --create-home --uid 10001 --user-group --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first: this layer is rebuilt only when requirements.txt changes.
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt

# Only what the app needs at run time, owned by root and read-only to the app user.
COPY app.py ./
COPY pages/ pages/
COPY aicost/ aicost/
COPY data/ data/
# Each data release's files are served at /app/static/<release>/<file>.csv: `static` is a link
# to data/releases (the repository's own `static` link is not sent to the builder).
RUN ln -s data/releases static
COPY .streamlit/config.toml .streamlit/config.toml

# Production server settings (names: STREAMLIT_<SECTION>_<OPTION>, checked by tests/properties/test_deploy.py).
ENV STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_SERVER_RUN_ON_SAVE=false \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none \
    STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION=true \
    STREAMLIT_SERVER_ENABLE_CORS=true \
    STREAMLIT_SERVER_ENABLE_STATIC_SERVING=true \
    STREAMLIT_SERVER_MAX_UPLOAD_SIZE=1 \
    STREAMLIT_CLIENT_SHOW_ERROR_DETAILS=none \
    STREAMLIT_CLIENT_TOOLBAR_MODE=viewer \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false

USER app

EXPOSE 8501

# curl is not in slim images; Python is. Follows STREAMLIT_SERVER_PORT if it is overridden.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/_stcore/health' % os.environ.get('STREAMLIT_SERVER_PORT', '8501'), timeout=4)"]

CMD ["streamlit", "run", "app.py", "--server.address=0.0.0.0"]
