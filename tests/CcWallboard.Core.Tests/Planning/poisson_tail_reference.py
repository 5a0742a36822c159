#!/usr/bin/env python3
"""Reference values of the Poisson upper tail P(X >= k), X ~ Poisson(mu), for SurgeDetectorTests.

Written from the definition, not from the C# code: P(X >= k) = e^-mu * sum_{j >= k} mu^j / j!, every term built
from the one before (mu^0/0! = 1, then * mu / j) in 100-digit decimal arithmetic, from j = 0 (no log-gamma, no
cancellation: only the terms j >= k are added, until they fall below 1e-60 of the sum). Where mpmath is installed the
same value is checked against its regularized incomplete gamma, P(X >= k) = P(k, mu) (gammainc(k, 0, mu)), and the
script stops if they differ by more than 1e-30 relative. Standard library otherwise (Python 3.8+).

    python3 poisson_tail_reference.py    # prints one [InlineData(k, mu, tail)] line per case
"""
import decimal
from decimal import Decimal

decimal.getcontext().prec = 100
decimal.getcontext().Emax = 10**9
decimal.getcontext().Emin = -(10**9)

CASES = [
    (1, "0.01"), (2, "0.01"), (3, "0.01"),
    (0, "0.5"), (1, "0.5"), (3, "0.5"), (6, "0.5"),
    (1, "1"), (6, "1"), (10, "1"),
    (3, "2.5"), (8, "2.5"),
    (10, "10"), (20, "10"), (30, "10"),
    (16, "16.25"), (29, "16.25"), (40, "16.25"),
    (23, "11.6"), (29, "11.6"),
    (100, "100"), (130, "100"), (200, "100"),
    (1000, "1000"), (1100, "1000"), (1200, "1000"),
    (9800, "10000"), (10000, "10000"), (10400, "10000"), (12000, "10000"),
]


def upper_tail(k, mu):
    mu = Decimal(mu)
    term = Decimal(1)  # mu^j / j! at j = 0
    j = 0
    while j < k:
        j += 1
        term = term * mu / j
    total = Decimal(0)
    while True:
        total += term
        j += 1
        term = term * mu / j
        if j > mu and term < total * Decimal("1e-60"):
            break
    return total * (-mu).exp()


def check_with_mpmath(k, mu, value):
    try:
        import mpmath
    except ImportError:
        return
    mpmath.mp.dps = 60
    reference = mpmath.mpf(1) if k == 0 else mpmath.gammainc(k, 0, mpmath.mpf(mu), regularized=True)
    if abs(mpmath.mpf(str(value)) - reference) > mpmath.mpf("1e-30") * reference:
        raise SystemExit(f"mpmath disagrees at k={k}, mu={mu}: {reference} vs {value}")


for k, mu in CASES:
    value = upper_tail(k, mu)
    check_with_mpmath(k, mu, value)
    print(f"[InlineData({k}, {mu}, {float(value)!r})]")
