namespace MatrixFactorization.Training;

/// <summary>The parameters of the best epoch so far (allocated once, on the first improvement).
/// Adam's moments are not kept: a restored model is final, never trained further.</summary>
internal sealed class NeuralSnapshot(NeuralState state)
{
    private readonly float[] _layers = new float[state.Layers.Parameters.Length];
    private readonly float[] _users = new float[state.UserEmbeddings.PaddedStorage.Length];
    private readonly float[] _items = new float[state.ItemEmbeddings.PaddedStorage.Length];
    private readonly float[] _userBiases = new float[state.UserBiases?.Values.Length ?? 0];
    private readonly float[] _itemBiases = new float[state.ItemBiases?.Values.Length ?? 0];

    public void Save(NeuralState s)
    {
        s.Layers.Parameters.CopyTo(_layers, 0);
        s.UserEmbeddings.PaddedStorage.CopyTo(_users);
        s.ItemEmbeddings.PaddedStorage.CopyTo(_items);
        s.UserBiases?.Values.CopyTo(_userBiases, 0);
        s.ItemBiases?.Values.CopyTo(_itemBiases, 0);
    }

    public void Restore(NeuralState s)
    {
        _layers.CopyTo(s.Layers.Parameters, 0);
        _users.CopyTo(s.UserEmbeddings.PaddedStorage);
        _items.CopyTo(s.ItemEmbeddings.PaddedStorage);
        _userBiases.CopyTo(s.UserBiases?.Values ?? [], 0);
        _itemBiases.CopyTo(s.ItemBiases?.Values ?? [], 0);
    }
}
