package dev.vidferry.model.api;

import java.util.List;

/**
 * The {@code settings} of a folder upload or sync as sent: templates and the defaults of every video (a file's sidecar
 * or manifest row overrides them). Strings are parsed by the API so a bad value is a 400 naming
 * {@code settings.<field>}.
 *
 * @param titleTemplate default {@code {filename}}; placeholders {@code {filename} {folder} {root_folder}
 *        {folder_path} {upload_date}}
 * @param descriptionTemplate default empty
 * @param includeMd5Marker end each description with {@code [md5:<hex>]} (default false)
 * @param privacyStatus public, private or unlisted (default private)
 * @param categoryId an assignable YouTube category id (default 22)
 * @param publishAt ISO 8601 with offset, only with private
 */
public record FolderSettingsBody(String titleTemplate, String descriptionTemplate, Boolean includeMd5Marker,
        String privacyStatus, String categoryId, List<String> tags, Boolean madeForKids, Boolean notifySubscribers,
        String publishAt, String playlistId) {
}
