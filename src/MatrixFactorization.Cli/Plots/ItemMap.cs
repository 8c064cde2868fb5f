using System.Globalization;
using System.Text.Json;
using MatrixFactorization.Data;
using MatrixFactorization.Models;
using ScottPlot;

namespace MatrixFactorization.Cli.Plots;

/// <summary>The items <c>mf plot items</c> draws: where each goes, what it is called, and how the map tells it.</summary>
internal sealed class ItemMap
{
    private readonly IFactorModel _model;
    private readonly ItemPopularity _popularity;
    private readonly ItemMapPoint[] _points;
    private readonly int _labelled;
    private readonly bool _genres;

    /// <param name="model">The factor model.</param>
    /// <param name="catalog">Titles and genres, when given.</param>
    /// <param name="popularity">What chose the items.</param>
    /// <param name="chosen">The model's item indices to draw, best known first.</param>
    /// <param name="labelled">How many of the first are named.</param>
    public ItemMap(IFactorModel model, ItemCatalog? catalog, ItemPopularity popularity, int[] chosen, int labelled)
    {
        _model = model;
        _popularity = popularity;
        _labelled = labelled;
        Projection = ItemProjection.Of(model.ItemFactors, chosen);
        _points = new ItemMapPoint[chosen.Length];
        for (int r = 0; r < chosen.Length; r++)
        {
            CatalogItem? item = null;
            bool known = catalog?.TryGet(model.Items, chosen[r], out item) == true;
            _points[r] = new ItemMapPoint(known ? item!.Title : model.Items.GetId(chosen[r]), known ? item!.Genres : [], Projection.X[r], Projection.Y[r]);
        }

        _genres = _points.Any(p => p.Genres.Count > 0);
    }

    public ItemProjection Projection { get; }

    public Plot Draw() => ItemMapPlot.Draw(_points, _labelled, Projection, Title);

    /// <summary>One line for the text output.</summary>
    public string Describe(string path)
    {
        string plane = _model.FactorCount > 2
            ? string.Create(CultureInfo.InvariantCulture, $"the first two principal directions of their {_model.FactorCount} factors ({Projection.Explained * 100:F0}% of their spread)")
            : _model.FactorCount == 2 ? "their two factors" : "their one factor";
        string colour = _genres ? ", coloured by genre" : string.Empty;
        return $"Wrote {path}: {Title} on {plane}{colour}.";
    }

    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteNumber("items", _points.Length);
        w.WriteNumber("labelled", _labelled);
        w.WriteString("chosenBy", _popularity.Source);
        w.WriteNumber("explained", Math.Round(Projection.Explained, 6));
        w.WriteBoolean("genres", _genres);
        w.WriteStartArray("labels");
        foreach (ItemMapPoint point in _points.Take(_labelled))
        {
            w.WriteStringValue(point.Label);
        }

        w.WriteEndArray();
    }

    private string Title => _popularity.Source switch
    {
        ItemPopularity.Ratings => $"the {_points.Length} most rated items ({_labelled} named)",
        ItemPopularity.TrainingUsers => $"the {_points.Length} items most seen in training ({_labelled} named)",
        _ => $"the {_points.Length} items with the longest factor vectors ({_labelled} named)",
    };
}
