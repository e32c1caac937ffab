"""One module per page (aicost.site.PAGES): its computation, its finding, its charts and the
page itself in AppTest, as datasette's tests mirror its views."""
