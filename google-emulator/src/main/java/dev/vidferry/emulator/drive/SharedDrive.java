package dev.vidferry.emulator.drive;

import java.util.Set;

/** A shared drive; its id is also the id of its root folder. */
public record SharedDrive(String id, String name, Set<String> members) {
}
