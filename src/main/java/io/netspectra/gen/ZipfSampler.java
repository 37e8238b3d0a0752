package io.netspectra.gen;

/**
 * Draws ranks 1..n with probability proportional to {@code rank^-exponent} in constant time and memory, by
 * Hörmann and Derflinger's rejection-inversion ("Rejection-inversion to generate variates from monotone discrete
 * distributions", ACM TOMACS 6(3), 1996), as in Apache Commons RNG. Uses {@link StrictMath}, so a seed gives the same
 * ranks on every JVM. An exponent of 0 gives the uniform distribution. Immutable: the random source passed to
 * {@link #sample} carries all state.
 */
final class ZipfSampler {
    private static final double TAYLOR_THRESHOLD = 1e-8;

    private final int n;
    private final double exponent;
    private final double hIntegralX1;
    private final double hIntegralN;
    private final double s;

    ZipfSampler(int n, double exponent) {
        this.n = n;
        this.exponent = exponent;
        this.hIntegralX1 = hIntegral(1.5) - 1.0;
        this.hIntegralN = hIntegral(n + 0.5);
        this.s = 2.0 - hIntegralInverse(hIntegral(2.5) - h(2.0));
    }

    /** Returns a rank in [1, n]; rank 1 is the most likely. */
    int sample(SplitMix64 rng) {
        while (true) {
            double u = hIntegralN + rng.nextDouble() * (hIntegralX1 - hIntegralN);
            double x = hIntegralInverse(u);
            int k = (int) (x + 0.5);
            if (k < 1) {
                k = 1;
            } else if (k > n) {
                k = n;
            }
            if (k - x <= s || u >= hIntegral(k + 0.5) - h(k)) {
                return k;
            }
        }
    }

    /** H(x), an integral of h: (x^(1-e) - 1) / (1 - e), or log(x) where e is 1. */
    private double hIntegral(double x) {
        double logX = StrictMath.log(x);
        return expm1Ratio((1.0 - exponent) * logX) * logX;
    }

    /** h(x) = x^-e. */
    private double h(double x) {
        return StrictMath.exp(-exponent * StrictMath.log(x));
    }

    /** The inverse of H. */
    private double hIntegralInverse(double x) {
        double t = x * (1.0 - exponent);
        if (t < -1.0) {
            t = -1.0;
        }
        return StrictMath.exp(log1pRatio(t) * x);
    }

    /** log(1 + x) / x, continuous at 0. */
    private static double log1pRatio(double x) {
        if (Math.abs(x) > TAYLOR_THRESHOLD) {
            return StrictMath.log1p(x) / x;
        }
        return 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x));
    }

    /** (e^x - 1) / x, continuous at 0. */
    private static double expm1Ratio(double x) {
        if (Math.abs(x) > TAYLOR_THRESHOLD) {
            return StrictMath.expm1(x) / x;
        }
        return 1.0 + x * 0.5 * (1.0 + x * (1.0 / 3.0) * (1.0 + 0.25 * x));
    }
}
