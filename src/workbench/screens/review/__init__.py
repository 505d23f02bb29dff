"""Week screen: figures beside the week before, the summary, report export."""
