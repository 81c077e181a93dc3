namespace ModelOps.Monitoring.Statistics;

/// <summary>
/// The special functions the tests need, in double precision: log-gamma (Lanczos, 14 terms, relative error about
/// 1e-15), the regularized incomplete gamma and beta functions (series and Lentz continued fractions, as in Numerical
/// Recipes §6.2 and §6.4) and the distributions built on them. Accuracy is checked against scipy in the tests.
/// </summary>
internal static class SpecialFunctions
{
    private const double Epsilon = 1e-16;
    private const double Tiny = 1e-300;
    private const int MaxIterations = 100_000;

    private static readonly double[] LanczosCoefficients =
    [
        57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199,
        .339946499848118887e-4, .465236289270485756e-4, -.983744753048795646e-4, .158088703224912494e-3,
        -.210264441724104883e-3, .217439618115212643e-3, -.164318106536763890e-3, .844182239838527433e-4,
        -.261908384015814087e-4, .368991826595316234e-5,
    ];

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (x <= 0 || double.IsNaN(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "Log-gamma is defined here for x > 0.");
        }

        if (x == 1 || x == 2)
        {
            return 0;
        }

        var y = x;
        var tmp = x + 5.24218750000000000;
        tmp = ((x + 0.5) * Math.Log(tmp)) - tmp;
        var series = 0.999999999999997092;
        foreach (var c in LanczosCoefficients)
        {
            series += c / ++y;
        }

        return tmp + Math.Log(2.5066282746310005 * series / x);
    }

    /// <summary>ln C(n, k) for 0 ≤ k ≤ n.</summary>
    public static double LogBinomial(double n, double k) =>
        k == 0 || k == n ? 0 : LogGamma(n + 1) - LogGamma(k + 1) - LogGamma(n - k + 1);

    /// <summary>C(n, k) as a double (infinity past the double range).</summary>
    public static double Binomial(double n, double k)
    {
        if (k < 0 || k > n)
        {
            return 0;
        }

        k = Math.Min(k, n - k);
        if (k < 30)
        {
            // Each partial product is C(n - k + i, i), an integer: exact while it stays below 2^53.
            double result = 1;
            for (var i = 1; i <= k; i++)
            {
                result = result * (n - k + i) / i;
            }

            return result;
        }

        return Math.Exp(LogBinomial(n, k));
    }

    /// <summary>The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a).</summary>
    public static double GammaQ(double a, double x)
    {
        if (double.IsNaN(x) || double.IsNaN(a))
        {
            return double.NaN;
        }

        if (x <= 0)
        {
            return 1;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 0;
        }

        return x < a + 1 ? 1 - GammaSeries(a, x) : GammaContinuedFraction(a, x);
    }

    /// <summary>The regularized lower incomplete gamma function P(a, x).</summary>
    public static double GammaP(double a, double x)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 1;
        }

        return x < a + 1 ? GammaSeries(a, x) : 1 - GammaContinuedFraction(a, x);
    }

    /// <summary>The survival function of the chi-square distribution with <paramref name="dof"/> degrees of freedom.</summary>
    public static double ChiSquareSf(double x, double dof) => GammaQ(dof / 2, x / 2);

    /// <summary>The standard normal survival function 1 − Φ(z), accurate in the upper tail.</summary>
    public static double NormalSf(double z)
    {
        if (double.IsNaN(z))
        {
            return double.NaN;
        }

        var tail = 0.5 * GammaQ(0.5, z * z / 2);
        return z >= 0 ? tail : 1 - tail;
    }

    /// <summary>The standard normal CDF Φ(z).</summary>
    public static double NormalCdf(double z) => NormalSf(-z);

    /// <summary>The regularized incomplete beta function I_x(a, b).</summary>
    public static double BetaRegularized(double a, double b, double x)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(1 - x)));
        return x < (a + 1) / (a + b + 2)
            ? front * BetaContinuedFraction(a, b, x) / a
            : 1 - (front * BetaContinuedFraction(b, a, 1 - x) / b);
    }

    /// <summary>The two-sided tail of Student's t distribution: P(|T| ≥ |t|) with <paramref name="dof"/> degrees of freedom.</summary>
    public static double StudentTTwoSided(double t, double dof) =>
        double.IsNaN(t) ? double.NaN : BetaRegularized(dof / 2, 0.5, dof / (dof + (t * t)));

    private static double GammaSeries(double a, double x)
    {
        var ap = a;
        var delta = 1 / a;
        var sum = delta;
        for (var n = 0; n < MaxIterations; n++)
        {
            ap++;
            delta *= x / ap;
            sum += delta;
            if (Math.Abs(delta) < Math.Abs(sum) * Epsilon)
            {
                break;
            }
        }

        return sum * Math.Exp(-x + (a * Math.Log(x)) - LogGamma(a));
    }

    private static double GammaContinuedFraction(double a, double x)
    {
        var b = x + 1 - a;
        var c = 1 / Tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < MaxIterations; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = (an * d) + b;
            if (Math.Abs(d) < Tiny)
            {
                d = Tiny;
            }

            c = b + (an / c);
            if (Math.Abs(c) < Tiny)
            {
                c = Tiny;
            }

            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                break;
            }
        }

        return Math.Exp(-x + (a * Math.Log(x)) - LogGamma(a)) * h;
    }

    private static double BetaContinuedFraction(double a, double b, double x)
    {
        var qab = a + b;
        var qap = a + 1;
        var qam = a - 1;
        var c = 1.0;
        var d = 1 - (qab * x / qap);
        if (Math.Abs(d) < Tiny)
        {
            d = Tiny;
        }

        d = 1 / d;
        var h = d;
        for (var m = 1; m < MaxIterations; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + (aa * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1 + (aa / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + (aa * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1 + (aa / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                break;
            }
        }

        return h;
    }
}
