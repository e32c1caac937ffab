"""One package per page of the site, each a slice: ``scenario`` (its computation), ``finding``
(its result in one sentence) and ``charts``. No streamlit import."""
