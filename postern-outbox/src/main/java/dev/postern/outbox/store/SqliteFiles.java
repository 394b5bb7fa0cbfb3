package dev.postern.outbox.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates the SQLite database file, and the folders it needs, readable by the owner alone (0600 and
 * 0700 on a POSIX file system): the file holds every message and its recipients. SQLite gives its
 * {@code -wal} and {@code -shm} files the mode of the database file, so they follow. A file or
 * folder that already exists keeps its mode: it is the operator's.
 */
final class SqliteFiles {
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private SqliteFiles() {}

    static void create(Path database) throws IOException {
        Path file = database.toAbsolutePath();
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        Path parent = file.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent, posix ? attributes(FOLDER) : new FileAttribute<?>[0]);
        }
        if (posix && !Files.exists(file)) {
            try {
                Files.createFile(file, attributes(FILE)); // SQLite takes an empty file as an empty database
            } catch (FileAlreadyExistsException raced) {
                // another process created it first: its mode stands, as for any existing file
            }
        }
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
    }
}
