using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

public sealed class LogLineSearchTests
{
    [Theory]
    [InlineData(8.0)]
    [InlineData(1 / 16.0)]
    [InlineData(1.0)]
    public void Finds_the_grid_minimum_of_a_bowl_in_the_logarithm_on_either_side_of_the_start(double minimum)
    {
        // Score (log2 x − log2 m)²: the grid 2^j holds m itself, and every other point scores more.
        var tried = new List<double>();
        double chosen = LogLineSearch.Minimize(1, 2, 12, 1e-6, 1e6, x =>
        {
            tried.Add(x);
            return Math.Pow(Math.Log2(x) - Math.Log2(minimum), 2);
        });

        chosen.Should().BeApproximately(minimum, minimum * 1e-12);
        tried.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Stops_at_the_budget_and_returns_the_best_value_tried()
    {
        var tried = new List<double>();
        double chosen = LogLineSearch.Minimize(1, 2, 4, 1e-6, 1e6, x =>
        {
            tried.Add(x);
            return -x;
        });

        // Downhill forever to the right: 1 and 2 by the first probes leave the budget's last two
        // values for the half steps around 2, of which 2√2 is the best.
        tried.Should().HaveCount(4);
        tried.Take(2).Should().Equal(1, 2);
        tried[2].Should().BeApproximately(2 * Math.Sqrt(2), 1e-12);
        chosen.Should().Be(tried[2]);
    }

    [Fact]
    public void Never_leaves_the_allowed_range()
    {
        var tried = new List<double>();
        double chosen = LogLineSearch.Minimize(1, 2, 10, 0.25, 4, x =>
        {
            tried.Add(x);
            return x;
        });

        tried.Should().OnlyContain(x => x >= 0.25 && x <= 4);
        chosen.Should().Be(0.25);
    }
}
