"""The learning platform's standards: xAPI statements out and in, LTI 1.3 launches
(docs/adr/0023, docs/adr/0024)."""
