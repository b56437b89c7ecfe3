"""核对说明: a 说明 read figure by figure against the document's tables (issue 23).

No Qt and no files here: `check_text` takes paragraphs (typed, or read from Word, text or PDF by
`desktop.io.text_sources`) and the document, and returns a report of every figure it found and
every problem, each naming its sentence and the numbers.
"""
