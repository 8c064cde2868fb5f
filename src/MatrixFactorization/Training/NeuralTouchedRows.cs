namespace MatrixFactorization.Training;

/// <summary>The users and items of one shard that the current batch touched, in first-touch order.</summary>
internal sealed class NeuralTouchedRows(int userCapacity, int itemCapacity)
{
    private readonly int[] _users = new int[userCapacity];
    private readonly int[] _items = new int[itemCapacity];
    private int _userCount;
    private int _itemCount;

    public ReadOnlySpan<int> Users => _users.AsSpan(0, _userCount);

    public ReadOnlySpan<int> Items => _items.AsSpan(0, _itemCount);

    public void AddUser(int user) => _users[_userCount++] = user;

    public void AddItem(int item) => _items[_itemCount++] = item;

    public void Reset()
    {
        _userCount = 0;
        _itemCount = 0;
    }
}
