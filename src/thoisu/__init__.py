"""thoisu: Vietnamese news aggregation.

Raw news pages in; clean articles, stories, dated timelines and cited summaries out.
"""

__version__ = "0.1.0"
