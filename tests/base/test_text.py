"""Pure tests of aicost.base.text: escaping and templates filled from the data rows."""

from __future__ import annotations

from aicost.base import text


def test_fill_formats_each_field_by_its_unit(tables):
    filled = text.fill_from_rows(
        "{v3_cost_total} for {v3_gpu_hours_total}; {v3_cost_total:2}", tables
    )
    assert filled == "$5.576M for 2.79M GPU-hours; $5.6M"


def test_escape_markdown_escapes_markdown_and_latex():
    assert text.escape_markdown("$5 * 2 [x](y)") == "\\$5 \\* 2 \\[x\\]\\(y\\)"


def test_escape_hover_keeps_hover_text_literal():
    assert text.escape_hover("<script>") == "&lt;script&gt;"
    assert text.escape_hover("a & <b>") == "a &amp; &lt;b&gt;"


def test_shorten_and_short_source():
    assert text.shorten("one two three", 9) == "one two…"
    assert text.short_source("SemiAnalysis, 'DeepSeek Debates'") == "SemiAnalysis"
