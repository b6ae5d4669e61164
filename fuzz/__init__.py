"""The fuzzer of ``make fuzz`` (``fuzz/fuzz.py``): seeds in ``corpus``, mutations in ``mutate``."""
