"""The foundation under the pages: the data loader and files, releases, the cost model, the
Monte Carlo, text, the assumptions table and reading links (aicost.base, aicost.inputs)."""
