namespace ModelOps.Monitoring.Statistics;

/// <summary>
/// The exact distributions of the one-sample Kolmogorov–Smirnov statistics, as scipy evaluates them:
/// <see cref="TwoSidedSf"/> is <c>scipy.stats.kstwo.sf(x, n)</c> (Simard and L'Ecuyer's choice of algorithm per region:
/// Ruben–Gambino closed forms, the Durbin matrix (Marsaglia–Tsang–Wang), Pomeranz's recursion, twice the one-sided
/// tail, or the Pelz–Good expansion), and <see cref="OneSidedSf"/> is <c>scipy.special.smirnov(n, x)</c>
/// (the Birnbaum–Tingey sum, evaluated term by term in logarithms so no term overflows).
/// </summary>
internal static class KolmogorovDistribution
{
    private const int ScaleExponent = 128;
    private static readonly double ScaleUp = Math.ScaleB(1.0, ScaleExponent);
    private static readonly double ScaleDown = Math.ScaleB(1.0, -ScaleExponent);

    private static readonly double[] StirlingCoefficients =
    [
        -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
        -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
    ];

    /// <summary>P(D_n ≥ x) for the two-sided statistic of a sample of size <paramref name="n"/>.</summary>
    public static double TwoSidedSf(long n, double x)
    {
        if (n <= 0 || double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x >= 1)
        {
            return 0;
        }

        if (x <= 0)
        {
            return 1;
        }

        var t = n * x;
        if (t <= 1)
        {
            if (t <= 0.5)
            {
                return 1;
            }

            double cdf;
            if (n <= 140)
            {
                cdf = 1;
                for (var i = 1; i <= n; i++)
                {
                    cdf *= i * (1.0 / n) * ((2 * t) - 1);
                }
            }
            else
            {
                cdf = Math.Exp(LogFactorialOverPower(n) + (n * Math.Log((2 * t) - 1)));
            }

            return Clip(1 - cdf);
        }

        if (t >= n - 1)
        {
            return Clip(2 * Math.Pow(1 - x, n));
        }

        if (x >= 0.5)
        {
            return Clip(2 * OneSidedSf(n, x));
        }

        var nxSquared = t * x;
        if (n <= 140)
        {
            if (nxSquared <= 0.754693)
            {
                return Clip(1 - DurbinMatrixCdf(n, x));
            }

            if (nxSquared <= 4)
            {
                return Clip(1 - PomeranzCdf(n, x));
            }

            return Clip(2 * OneSidedSf(n, x));
        }

        if (nxSquared >= 370)
        {
            return 0;
        }

        if (nxSquared >= 2.2)
        {
            return Clip(2 * OneSidedSf(n, x));
        }

        var cdfLarge = n <= 100_000 && n * Math.Pow(x, 1.5) <= 1.4 ? DurbinMatrixCdf(n, x) : PelzGoodCdf(n, x);
        return Clip(1 - cdfLarge);
    }

    /// <summary>P(D⁺_n ≥ x) for the one-sided statistic (scipy's <c>smirnov(n, x)</c>).</summary>
    public static double OneSidedSf(long n, double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x <= 0)
        {
            return 1;
        }

        if (x >= 1)
        {
            return 0;
        }

        // Σ_{j=0}^{⌊n(1−x)⌋} C(n, j) · x · (x + j/n)^(j−1) · (1 − x − j/n)^(n−j); every term is positive.
        var last = (long)Math.Floor(n * (1 - x));
        var logN = SpecialFunctions.LogGamma(n + 1.0);
        var logX = Math.Log(x);
        double sum = 0;
        for (long j = 0; j <= last; j++)
        {
            var left = x + ((double)j / n);
            var right = 1 - left;
            if (n - j > 0 && right <= 0)
            {
                continue;
            }

            var logTerm = logN - SpecialFunctions.LogGamma(j + 1.0) - SpecialFunctions.LogGamma(n - j + 1.0)
                + logX + ((j - 1) * Math.Log(left)) + (n - j == 0 ? 0 : (n - j) * Math.Log(right));
            sum += Math.Exp(logTerm);
        }

        return Clip(sum);
    }

    private static double Clip(double p) => double.IsNaN(p) ? p : Math.Clamp(p, 0, 1);

    private static double LogFactorialOverPower(long n)
    {
        var rn = 1.0 / n;
        var polynomial = 0.0;
        foreach (var c in StirlingCoefficients)
        {
            polynomial = (polynomial * (rn / n)) + c;
        }

        return (Math.Log(n) / 2) - n + (Math.Log(2 * Math.PI) / 2) + (rn * polynomial);
    }

    /// <summary>P(D_n ≤ d) by the Durbin matrix: the (k, k) entry of Hⁿ, scaled by n!/nⁿ, with exponent tracking.</summary>
    private static double DurbinMatrixCdf(long n, double d)
    {
        if (d >= 1)
        {
            return 1;
        }

        var nd = n * d;
        if (nd <= 0.5)
        {
            return 0;
        }

        var k = (int)Math.Ceiling(nd);
        var h = k - nd;
        var m = (2 * k) - 1;
        var v = new double[m];
        var w = new double[m];
        double factor = 1;
        for (var j = 1; j <= m; j++)
        {
            w[j - 1] = factor;
            factor /= j;
            v[j - 1] = (1.0 - Math.Pow(h, j)) * factor;
        }

        var tt = Math.Pow(Math.Max((2 * h) - 1.0, 0), m) - (2 * Math.Pow(h, m));
        v[m - 1] = (1.0 + tt) * factor;

        var matrix = new double[m, m];
        for (var i = 1; i < m; i++)
        {
            for (var r = i - 1; r < m; r++)
            {
                matrix[r, i] = w[r - i + 1];
            }
        }

        for (var r = 0; r < m; r++)
        {
            matrix[r, 0] = v[r];
        }

        for (var c = 0; c < m; c++)
        {
            matrix[m - 1, c] = v[m - 1 - c];
        }

        var power = Identity(m);
        long exponent = 0;
        long matrixExponent = 0;
        var remaining = n;
        while (remaining > 0)
        {
            if (remaining % 2 == 1)
            {
                power = Multiply(power, matrix);
                exponent += matrixExponent;
            }

            matrix = Multiply(matrix, matrix);
            matrixExponent *= 2;
            if (Math.Abs(matrix[k - 1, k - 1]) > ScaleUp)
            {
                Scale(matrix, ScaleDown);
                matrixExponent += ScaleExponent;
            }

            remaining /= 2;
        }

        var p = power[k - 1, k - 1];
        for (var i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < ScaleDown)
            {
                p *= ScaleUp;
                exponent -= ScaleExponent;
            }
        }

        if (exponent != 0)
        {
            p = Math.ScaleB(p, (int)exponent);
        }

        return Clip(p);
    }

    private static double[,] Identity(int m)
    {
        var result = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            result[i, i] = 1;
        }

        return result;
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        var m = a.GetLength(0);
        var result = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            for (var l = 0; l < m; l++)
            {
                var ail = a[i, l];
                if (ail == 0)
                {
                    continue;
                }

                for (var j = 0; j < m; j++)
                {
                    result[i, j] += ail * b[l, j];
                }
            }
        }

        return result;
    }

    private static void Scale(double[,] matrix, double factor)
    {
        var m = matrix.GetLength(0);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                matrix[i, j] *= factor;
            }
        }
    }

    private static (long J1, long J2) PomeranzBounds(long i, long n, long ll, long ceilF, long roundF)
    {
        long j1, j2;
        if (i == 0)
        {
            j1 = -ll - ceilF - 1;
            j2 = ll + ceilF - 1;
        }
        else
        {
            var half = (i + 1) / 2;
            if ((i + 1) % 2 == 0)
            {
                if (half == n + 1)
                {
                    j1 = n - ll - ceilF - 1;
                    j2 = n + ll + ceilF - 1;
                }
                else
                {
                    j1 = half - 1 - ll - roundF - 1;
                    j2 = half + ll - 1 + ceilF - 1;
                }
            }
            else
            {
                j1 = half - 1 - ll - 1;
                j2 = half + ll + roundF - 1;
            }
        }

        return (Math.Max(j1 + 2, 0), Math.Min(j2, n));
    }

    /// <summary>P(D_n ≤ x) by Pomeranz's recursion (Pomeranz 1974), with rescaling against underflow.</summary>
    private static double PomeranzCdf(long n, double x)
    {
        var t = n * x;
        var ll = (long)Math.Floor(t);
        var f = t - ll;
        var g = Math.Min(f, 1.0 - f);
        long ceilF = f > 0 ? 1 : 0;
        long roundF = f > 0.5 ? 1 : 0;
        var powers = (int)(2 * (ll + 1));
        var gPower = new double[powers];
        var twoGPower = new double[powers];
        var oneMinusTwoGPower = new double[powers];
        gPower[0] = twoGPower[0] = oneMinusTwoGPower[0] = 1;
        double gOverN = g / n, twoGOverN = 2 * g / n, oneMinusTwoGOverN = (1 - (2 * g)) / n;
        for (var m = 1; m < powers; m++)
        {
            gPower[m] = gPower[m - 1] * gOverN / m;
            twoGPower[m] = twoGPower[m - 1] * twoGOverN / m;
            oneMinusTwoGPower[m] = oneMinusTwoGPower[m - 1] * oneMinusTwoGOverN / m;
        }

        var v0 = new double[powers];
        var v1 = new double[powers];
        v1[0] = 1;
        long v0Start = 0, v1Start = 0;
        long exponent = 0;
        var (j1, j2) = PomeranzBounds(0, n, ll, ceilF, roundF);
        for (long i = 1; i < (2 * n) + 2; i++)
        {
            var k1 = j1;
            (v0, v1) = (v1, v0);
            (v0Start, v1Start) = (v1Start, v0Start);
            Array.Clear(v1);
            (j1, j2) = PomeranzBounds(i, n, ll, ceilF, roundF);
            var pw = i == 1 || i == (2 * n) + 1 ? gPower : i % 2 == 1 ? twoGPower : oneMinusTwoGPower;
            var length = j2 - k1 + 1;
            if (length <= 0)
            {
                continue;
            }

            // conv = convolve(v0[k1 - v0Start .. + length], pw[0 .. length]); keep conv[j1 - k1 .. j2 - k1].
            var offset = k1 - v0Start;
            var aLength = Math.Min(length, powers - offset);
            var bLength = Math.Min(length, powers);
            var convStart = j1 - k1;
            var convLength = j2 - j1 + 1;
            double max = 0;
            for (long r = 0; r < convLength; r++)
            {
                var index = convStart + r;
                double sum = 0;
                for (var s = Math.Max(0, index - bLength + 1); s <= index && s < aLength; s++)
                {
                    sum += v0[offset + s] * pw[index - s];
                }

                v1[r] = sum;
                max = Math.Max(max, sum);
            }

            if (max > 0 && max < ScaleDown)
            {
                for (long r = 0; r < convLength; r++)
                {
                    v1[r] *= ScaleUp;
                }

                exponent -= ScaleExponent;
            }

            v1Start = v0Start + j1 - k1;
        }

        var answer = v1[n - v1Start];
        for (var m = 1; m <= n; m++)
        {
            if (Math.Abs(answer) > ScaleUp)
            {
                answer *= ScaleDown;
                exponent += ScaleExponent;
            }

            answer *= m;
        }

        if (exponent != 0)
        {
            answer = Math.ScaleB(answer, (int)exponent);
        }

        return Clip(answer);
    }

    /// <summary>The Pelz–Good asymptotic expansion of P(D_n ≤ x) (four terms in 1/√n).</summary>
    private static double PelzGoodCdf(long n, double x)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var z = Math.Sqrt(n) * x;
        double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
        var pi2 = Math.PI * Math.PI;
        var pi4 = pi2 * pi2;
        var pi6 = pi4 * pi2;
        var qLog = -pi2 / 8 / z2;
        if (qLog < -708)
        {
            return 0;
        }

        var q = Math.Exp(qLog);
        var k1a = -z2;
        var k1b = pi2 / 4;
        var k2a = (6 * z6) + (2 * z4);
        var k2b = ((2 * z4) - (5 * z2)) * pi2 / 4;
        var k2c = pi4 * (1 - (2 * z2)) / 16;
        var k3d = pi6 * (5 - (30 * z2)) / 64;
        var k3c = pi4 * ((-60 * z2) + (212 * z4)) / 16;
        var k3b = pi2 * ((135 * z4) - (96 * z6)) / 4;
        var k3a = (-30 * z6) - (90 * Math.Pow(z, 8));
        var terms = new double[4];
        var maxK = (int)Math.Ceiling(16 * z / Math.PI);
        for (var k = maxK; k > 0; k--)
        {
            double m = (2 * k) - 1;
            double m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
            var qPower = Math.Pow(q, 8 * k);
            terms[0] = (terms[0] * qPower) + 1.0;
            terms[1] = (terms[1] * qPower) + k1a + (k1b * m2);
            terms[2] = (terms[2] * qPower) + k2a + (k2b * m2) + (k2c * m4);
            terms[3] = (terms[3] * qPower) + k3a + (k3b * m2) + (k3c * m4) + (k3d * m6);
        }

        var sqrt2Pi = Math.Sqrt(2 * Math.PI);
        double[] divisors = [z, 6 * z4, 72 * Math.Pow(z, 7), 6480 * Math.Pow(z, 10)];
        for (var i = 0; i < 4; i++)
        {
            terms[i] = terms[i] * q * sqrt2Pi / divisors[i];
        }

        q = Math.Exp(-pi2 / 2 / z2);
        double k2Extra = 0, k3Extra = 0;
        var sqrt3z = Math.Sqrt(3) * z;
        for (var k = maxK; k > 0; k--)
        {
            double k2 = (double)k * k;
            var qPower = Math.Pow(q, k2);
            k2Extra += k2 * qPower;
            var kPi = Math.PI * k;
            k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * k2 * qPower;
        }

        terms[2] += k2Extra * pi2 * sqrt2Pi / (-36 * z3);
        terms[3] += k3Extra * pi2 * sqrt2Pi / (216 * z6);
        double sum = 0;
        for (var i = 0; i < 4; i++)
        {
            sum += terms[i] / Math.Pow(n, i / 2.0);
        }

        return sum;
    }
}
