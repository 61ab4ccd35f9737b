"""Files a presenter takes away: a deck, a PDF report and one offline HTML page.

Each module turns the slide sequence of `mentoring_data.slides` into bytes; none of them
reads the database or the network itself.
"""
