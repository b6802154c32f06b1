"""The learned stage: the models that read a labelled page and have the last word on it.

`pagetype` (the page's kind, from `pagestats` and the blocks' `marks`) and `keep` (which
blocks are content: rows made by `blockrows` for HTML pages and `linerows`, with
`cadence`, for text dumps; both sharing `columns`; the trees read and walked by
`forest`). Data flows down that list: no module here imports one after it, and none
imports the reducer or the API that call them.
"""
