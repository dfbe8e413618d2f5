namespace IntegrationHub.Web.AdminConsole.Charts;

/// <summary>
/// One named series of a chart: a value per label (index for index), drawn in a tone of the console's palette
/// (<c>accent</c>, <c>ok</c>, <c>danger</c>, <c>warn</c>, <c>muted</c>).
/// </summary>
public sealed record ChartSeries(string Name, string Tone, IReadOnlyList<double> Values)
{
    public double Total => Values.Sum();
}

/// <summary>The value axis of a chart: from zero to a round top above the largest value.</summary>
public static class ChartScale
{
    /// <summary>The smallest of 1, 2, 2.5, 5 or 10 times a power of ten that is at least <paramref name="max"/>.</summary>
    public static double NiceTop(double max)
    {
        if (max <= 0 || double.IsNaN(max) || double.IsInfinity(max))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= max * (1 - 1e-12))
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    /// <summary>A number as an axis or a tooltip shows it: at most two decimals, invariant culture.</summary>
    public static string Format(double value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Which of <paramref name="count"/> labels to print so at most about six fit, the last (the newest) always among them.</summary>
    public static bool Shows(int index, int count) => (count - 1 - index) % Math.Max(1, (int)Math.Ceiling(count / 6.0)) == 0;
}
