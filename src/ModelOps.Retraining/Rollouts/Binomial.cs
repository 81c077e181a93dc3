namespace ModelOps.Rollouts;

/// <summary>The binomial distribution's upper tail, for telling a real shift from a few unlucky requests.</summary>
public static class Binomial
{
    /// <summary>
    /// P(X ≥ <paramref name="k"/>) for X ~ Binomial(<paramref name="n"/>, <paramref name="p"/>), summed in log space
    /// from <paramref name="k"/> upwards (the terms fall from there on when k is above the mean, which is where a test
    /// asks), so large n neither underflows nor loops long.
    /// </summary>
    public static double UpperTail(long n, long k, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        if (k <= 0)
        {
            return 1;
        }

        if (k > n || p == 0)
        {
            return 0;
        }

        if (p == 1)
        {
            return 1;
        }

        if (k <= n * p)
        {
            // At or below the mean the tail is at least about a half: the sum below would be long and the answer is
            // never small enough to matter to a test; 1 - the lower tail is exact enough.
            return 1 - LowerTail(n, k - 1, p);
        }

        var logTerm = LogChoose(n, k) + (k * Math.Log(p)) + ((n - k) * Math.Log(1 - p));
        var ratio = Math.Log(p) - Math.Log(1 - p);
        double sum = 0;
        for (var j = k; j <= n; j++)
        {
            var term = Math.Exp(logTerm);
            sum += term;
            if (term == 0 || term < sum * 1e-15)
            {
                break;
            }

            logTerm += Math.Log((double)(n - j) / (j + 1)) + ratio;
        }

        return Math.Min(sum, 1);
    }

    /// <summary>P(X ≤ <paramref name="k"/>), summed upwards from 0 in log space.</summary>
    private static double LowerTail(long n, long k, double p)
    {
        var logTerm = n * Math.Log(1 - p);
        var ratio = Math.Log(p) - Math.Log(1 - p);
        double sum = 0;
        for (long j = 0; j <= k; j++)
        {
            sum += Math.Exp(logTerm);
            logTerm += Math.Log((double)(n - j) / (j + 1)) + ratio;
        }

        return Math.Min(sum, 1);
    }

    /// <summary>log C(n, k) as a sum of logs over the shorter side.</summary>
    private static double LogChoose(long n, long k)
    {
        k = Math.Min(k, n - k);
        double sum = 0;
        for (long i = 1; i <= k; i++)
        {
            sum += Math.Log((double)(n - k + i) / i);
        }

        return sum;
    }
}
