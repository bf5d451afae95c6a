package dev.vidferry.model.quota;

/** YouTube Data API methods as the quota ledger names them ({@code resource.method}). */
public final class QuotaMethods {

    public static final String VIDEOS_INSERT = "videos.insert";
    public static final String VIDEOS_LIST = "videos.list";
    public static final String VIDEOS_UPDATE = "videos.update";
    public static final String VIDEOS_DELETE = "videos.delete";
    public static final String CHANNELS_LIST = "channels.list";
    public static final String PLAYLISTS_LIST = "playlists.list";
    public static final String PLAYLISTS_INSERT = "playlists.insert";
    public static final String PLAYLIST_ITEMS_LIST = "playlistItems.list";
    public static final String PLAYLIST_ITEMS_INSERT = "playlistItems.insert";
    public static final String VIDEO_CATEGORIES_LIST = "videoCategories.list";
    public static final String THUMBNAILS_SET = "thumbnails.set";
    public static final String CAPTIONS_INSERT = "captions.insert";
    public static final String SEARCH_LIST = "search.list";

    private QuotaMethods() {
    }
}
