"""Link contracts: links as they were shared, and what each showed when it was recorded."""
