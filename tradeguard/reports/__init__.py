"""tradeguard.reports"""
