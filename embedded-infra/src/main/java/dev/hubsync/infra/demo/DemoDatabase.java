package dev.hubsync.infra.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Where a demo platform database is, and how to log in to it as the application role.
 *
 * @param jdbcUrl the JDBC URL
 * @param user the role
 * @param password its password
 * @param database the database's name
 * @param port the server's port
 */
public record DemoDatabase(String jdbcUrl, String user, String password, String database, int port) {

	/**
	 * Connects as the application role.
	 * @return a new connection; the caller closes it
	 * @throws SQLException when the connection fails
	 */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(this.jdbcUrl, this.user, this.password);
	}

}
